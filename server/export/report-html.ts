/**
 * report.html: one self-contained page for the instructor after class or a lab notebook. It opens
 * offline: no scripts, no external files (charts are inline SVG drawn on the server by vega, styles are
 * inline), and a Content-Security-Policy meta tag that forbids scripts and remote loads even if a future
 * change slipped one in. Every text that comes from the treatment or from participants (labels!) is
 * escaped. Its words, the charts' words and its numbers are in the session's language (catalogue
 * sections `report` and `charts`); the data (ids, the treatment's JSON, labels) stay as they are.
 */
import { gameSelectKey } from "../../lib/i18n/game-select-key";
import type { Locale } from "../../lib/i18n/locales";
import { translatorFor } from "../../lib/i18n/translate";
import { chartRows, chartSpec } from "../../lib/charts/specs/vega-lite";
import type { Chart } from "../../lib/charts";
import { renderSvg } from "../figures/svg";
import { reportStamp, type ReportData } from "./report-data";
import { STYLE } from "./report-style";
import { esc } from "./html-escape";

/** A number as the language writes it (1,234.5 / 1.234,5), at most `digits` decimals; "–" for none. */
export const num = (x: number | null | undefined, digits = 2, locale: Locale = "en") =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : Number(x.toFixed(digits)).toLocaleString(locale === "en" ? "en-US" : locale, { maximumFractionDigits: digits });

export function table(caption: string, columns: string[], rows: string[][], testid: string): string {
  return `<div class="table-wrap"><table data-testid="${esc(testid)}"><caption>${esc(caption)}</caption><thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join("")}</tr>`)
    .join("")}</tbody></table></div>`;
}

/** A chart's points as a table: one row per x, one column per series (played and theory). */
function chartTable(chart: Chart, locale: Locale): string {
  const t = translatorFor(locale);
  const rows = chartRows(chart);
  const xs = [...new Set(rows.map((r) => r.x))];
  const series = chart.series.map((s) => s.name);
  const n = (x: number | null) => num(x, 3, locale);
  const cell = (x: number | string, s: string) => {
    const r = rows.find((p) => p.x === x && p.series === s);
    return r ? n(r.y) + (r.lo !== null && r.hi !== null ? ` <span class="muted">(${n(r.lo)}–${n(r.hi)})</span>` : "") : "–";
  };
  const role = (r: "played" | "theory") => (r === "theory" ? t("charts.role.theory") : t("charts.role.played"));
  // a series already named by its role ("played") is not headed "played (played)"
  const heading = (s: string, r: "played" | "theory") => (s.trim().toLowerCase() === role(r).toLowerCase() ? s : `${s} (${role(r)})`);
  return table(
    chart.spread ? t("report.chartNumbersSpread", { title: chart.title, spread: chart.spread }) : t("report.chartNumbers", { title: chart.title }),
    [chart.x.title, ...series.map((s, i) => heading(s, chart.series[i]!.role))],
    xs.map((x) => [esc(typeof x === "number" ? n(x) : x), ...series.map((s) => cell(x, s))]),
    `report-chart-table-${chart.id}`,
  );
}

export async function chartSection(chart: Chart, locale: Locale = "en"): Promise<string> {
  const t = translatorFor(locale);
  const svg = await renderSvg(chartSpec(chart, { width: 640, height: 240, embedData: true, locale }), { label: `${chart.title}. ${chart.description}` });
  return `<figure class="chart" data-testid="report-chart-${esc(chart.id)}" data-chart-id="${esc(chart.id)}"><h3>${esc(chart.title)}</h3>${svg}<figcaption>${esc(chart.description)}</figcaption><details><summary>${esc(t("report.numbersBehind"))}</summary>${chartTable(chart, locale)}</details></figure>`;
}

/**
 * The whole report as one HTML document, in the session's language. Its header is stamped with the
 * session's end (or its creation while it has not ended), never the time of the download, so the same
 * data always give the same file.
 */
export async function reportHtml(d: ReportData): Promise<string> {
  const locale = d.locale;
  const t = translatorFor(locale);
  const n = (x: number) => num(x, 2, locale);
  const charts: string[] = [];
  for (const c of d.charts) charts.push(await chartSection(c, locale));
  const tr = d.treatment;
  const stamp = reportStamp(d.session);
  const facts: [string, string][] = [
    [t("report.facts.session"), esc(t("report.facts.sessionValue", { id: d.session.id, code: d.session.code }))],
    [t("report.facts.game"), `${esc(t("report.facts.gameTitle", { game: gameSelectKey(d.game.id), title: d.game.title ?? d.game.id }))} <span class="muted">(${esc(d.game.id)}${d.game.version ? `@${esc(d.game.version)}` : ""})</span>`],
    [t("report.facts.status"), esc(t("report.status", { status: d.session.status }))],
    [t("report.facts.created"), esc(d.session.createdAt.toISOString())],
    [t("report.facts.groups"), tr.groups === null ? "–" : esc(t("report.facts.groupsValue", { groups: tr.groups, size: tr.groupSize ?? "?", matching: tr.matching ?? "" }))],
    [t("report.facts.rounds"), esc(t("report.facts.roundsValue", { played: d.rounds.length, total: tr.rounds ?? "?" }))],
    [t("report.facts.seed"), esc(d.session.seed)],
  ];
  const rounds = table(
    t("report.rounds.caption"),
    [t("report.rounds.round"), t("report.rounds.groups"), t("report.rounds.decisions"), t("report.rounds.byBots"), t("report.rounds.timedOut"), t("report.rounds.meanPoints"), t("report.rounds.min"), t("report.rounds.max")],
    d.rounds.map((r) => [String(r.round), String(r.groups), String(r.decisions), String(r.botDecisions), String(r.timedOut), n(r.meanPoints), n(r.minPoints), n(r.maxPoints)]),
    "report-rounds",
  );
  const people = table(
    t("report.participants.caption"),
    [t("report.participants.seat"), t("report.participants.label"), t("report.participants.rounds"), t("report.participants.byBot"), t("report.participants.timedOut"), t("report.participants.totalPoints"), t("report.participants.meanPoints")],
    d.participants.map((p) => [String(p.seat + 1), p.label === null ? '<span class="muted">–</span>' : esc(p.label), String(p.rounds), String(p.botRounds), String(p.timedOut), n(p.totalPoints), n(p.meanPoints)]),
    "report-participants",
  );
  const noCharts = t("report.noCharts", { why: d.rounds.length === 0 ? "noRound" : "none" });
  return htmlDocument(
    t("report.title", { name: d.session.name }),
    `<header>
<h1 data-testid="report-title">${esc(d.session.name)}</h1>
<p class="muted" data-testid="report-stamp">${esc(t("report.madeOn", { date: stamp.date.toISOString(), stamp: stamp.ended ? "ended" : "created" }))}</p>
</header>
<section aria-labelledby="s-treatment"><h2 id="s-treatment">${esc(t("report.treatmentHeading"))}</h2>
<dl class="kv">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>
${tr.description ? `<p data-testid="report-description">${esc(tr.description)}</p>` : ""}
<details><summary>${esc(t("report.treatmentJson"))}</summary><pre data-testid="report-treatment">${esc(tr.json)}</pre></details>
</section>
<section aria-labelledby="s-charts"><h2 id="s-charts">${esc(t("report.chartsHeading"))}</h2>
${charts.length ? `<p class="muted">${esc(t("report.chartsLegend"))}</p>${charts.join("\n")}` : `<p class="muted" data-testid="report-no-charts">${esc(noCharts)}</p>`}
</section>
<section aria-labelledby="s-summary"><h2 id="s-summary">${esc(t("report.summaryHeading"))}</h2>
${d.rounds.length ? rounds : `<p class="muted">${esc(t("report.noRound"))}</p>`}
${d.participants.length ? people : ""}
</section>`,
    locale,
  );
}

/** A whole self-contained document: no scripts, nothing loaded (CSP), inline styles; `title` is escaped here. */
export function htmlDocument(title: string, body: string, locale: Locale = "en"): string {
  return `<!doctype html>
<html lang="${esc(locale)}">
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
