/**
 * report.html: one self-contained page for the instructor after class or a lab notebook. It opens
 * offline: no scripts, no external files (charts are inline SVG drawn on the server by vega, styles are
 * inline), and a Content-Security-Policy meta tag that forbids scripts and remote loads even if a future
 * change slipped one in. Every text that comes from the treatment or from participants (labels!) is
 * escaped.
 */
import { chartRows, chartSpec } from "../../lib/charts/specs/vega-lite";
import type { Chart } from "../../lib/charts";
import { renderSvg } from "../figures/svg";
import type { ReportData } from "./report-data";

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export const num = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : Number(x.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });

export function table(caption: string, columns: string[], rows: string[][], testid: string): string {
  return `<div class="table-wrap"><table data-testid="${esc(testid)}"><caption>${esc(caption)}</caption><thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join("")}</tr>`)
    .join("")}</tbody></table></div>`;
}

/** A chart's points as a table: one row per x, one column per series (played and theory). */
function chartTable(chart: Chart): string {
  const rows = chartRows(chart);
  const xs = [...new Set(rows.map((r) => r.x))];
  const series = chart.series.map((s) => s.name);
  const cell = (x: number | string, s: string) => {
    const r = rows.find((p) => p.x === x && p.series === s);
    return r ? num(r.y, 3) + (r.lo !== null && r.hi !== null ? ` <span class="muted">(${num(r.lo, 3)}–${num(r.hi, 3)})</span>` : "") : "–";
  };
  return table(
    `${chart.title}: the numbers${chart.spread ? ` (in brackets: ${chart.spread})` : ""}`,
    [chart.x.title, ...series.map((s, i) => `${s} (${chart.series[i]!.role})`)],
    xs.map((x) => [esc(typeof x === "number" ? num(x, 3) : x), ...series.map((s) => cell(x, s))]),
    `report-chart-table-${chart.id}`,
  );
}

export async function chartSection(chart: Chart): Promise<string> {
  const svg = await renderSvg(chartSpec(chart, { width: 640, height: 240, embedData: true }));
  return `<figure class="chart" data-testid="report-chart-${esc(chart.id)}" data-chart-id="${esc(chart.id)}"><h3>${esc(chart.title)}</h3>${svg}<figcaption>${esc(chart.description)}</figcaption><details><summary>Numbers behind the chart</summary>${chartTable(chart)}</details></figure>`;
}

export const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:980px;padding:16px;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.2rem;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:1rem;margin:0 0 6px}
.muted{color:#666}.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}.kv dt{font-weight:600}.kv dd{margin:0}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;margin:8px 0;font-size:.9rem}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f5f5f7}td:first-child,th:first-child{text-align:left}
figure.chart{margin:16px 0;padding:8px;border:1px solid #eee;border-radius:6px}figure.chart svg{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#444;margin:4px 0}pre{background:#f5f5f7;padding:8px;overflow-x:auto;font-size:.8rem}
details summary{cursor:pointer;font-weight:600;margin:6px 0}
@media print{details{display:block}details>summary{display:none}figure.chart{break-inside:avoid}}
`;

/** The whole report as one HTML document. `generatedAt` is printed in the header. */
export async function reportHtml(d: ReportData, generatedAt: Date): Promise<string> {
  const charts: string[] = [];
  for (const c of d.charts) charts.push(await chartSection(c));
  const t = d.treatment;
  const facts: [string, string][] = [
    ["Session", `${esc(d.session.id)} (room code ${esc(d.session.code)})`],
    ["Game", `${esc(d.game.title ?? d.game.id)} <span class="muted">(${esc(d.game.id)}${d.game.version ? `@${esc(d.game.version)}` : ""})</span>`],
    ["Status", esc(d.session.status)],
    ["Created", esc(d.session.createdAt.toISOString())],
    ["Groups", t.groups === null ? "–" : `${t.groups} of ${t.groupSize ?? "?"} (${esc(t.matching ?? "")} matching)`],
    ["Rounds", `${d.rounds.length} played of ${t.rounds ?? "?"}`],
    ["Seed", esc(d.session.seed)],
  ];
  const rounds = table(
    "Per round (points over every participant of the round)",
    ["round", "groups", "decisions", "by bots", "timed out", "mean points", "min", "max"],
    d.rounds.map((r) => [String(r.round), String(r.groups), String(r.decisions), String(r.botDecisions), String(r.timedOut), num(r.meanPoints), num(r.minPoints), num(r.maxPoints)]),
    "report-rounds",
  );
  const people = table(
    "Per participant",
    ["seat", "label", "rounds", "by a bot", "timed out", "total points", "mean points"],
    d.participants.map((p) => [String(p.seat + 1), p.label === null ? '<span class="muted">–</span>' : esc(p.label), String(p.rounds), String(p.botRounds), String(p.timedOut), num(p.totalPoints), num(p.meanPoints)]),
    "report-participants",
  );
  return htmlDocument(
    `Session report: ${d.session.name}`,
    `<header>
<h1 data-testid="report-title">${esc(d.session.name)}</h1>
<p class="muted">Session report made by mechlab on ${esc(generatedAt.toISOString())}. Self-contained: it opens offline and runs no scripts.</p>
</header>
<section aria-labelledby="s-treatment"><h2 id="s-treatment">Session and treatment</h2>
<dl class="kv">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>
${t.description ? `<p data-testid="report-description">${esc(t.description)}</p>` : ""}
<details><summary>The treatment as run (JSON)</summary><pre data-testid="report-treatment">${esc(t.json)}</pre></details>
</section>
<section aria-labelledby="s-charts"><h2 id="s-charts">Play against theory</h2>
${charts.length ? `<p class="muted">Solid lines and bars: what was played (aggregated over participants or groups); dashed lines and ticks: what the mechanism's theory gives for the same rounds. The same series as the live monitor.</p>${charts.join("\n")}` : `<p class="muted" data-testid="report-no-charts">No charts: ${d.rounds.length === 0 ? "no round was completed" : "this game has none"}.</p>`}
</section>
<section aria-labelledby="s-summary"><h2 id="s-summary">Summary</h2>
${d.rounds.length ? rounds : '<p class="muted">No round was completed.</p>'}
${d.participants.length ? people : ""}
</section>`,
  );
}

/** A whole self-contained document: no scripts, nothing loaded (CSP), inline styles; `title` is escaped here. */
export function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
