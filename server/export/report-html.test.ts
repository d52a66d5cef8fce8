/** report-html escapes every text it is given (treatment, labels, chart names), whatever its source. */
import { describe, expect, it } from "vitest";
import type { Chart } from "../../lib/charts";
import type { ReportData } from "./report-data";
import { games } from "../../lib/games/registry";
import { esc } from "./html-escape";
import { reportHtml } from "./report-html";

const H = `<script>alert(1)</script>`;
const HE = "&lt;script&gt;alert(1)&lt;/script&gt;";

const chart: Chart = {
  id: `x/${H}`,
  title: `title ${H}`,
  description: `description ${H}`,
  kind: "rounds",
  x: { title: `round ${H}` },
  y: { title: "points" },
  spread: `spread ${H}`,
  series: [
    { name: `played ${H}`, role: "played", points: [{ x: 1, y: 2, lo: 1, hi: 3, n: 2 }, { x: 2, y: 3, lo: 2, hi: 4, n: 2 }] },
    { name: `theory ${H}`, role: "theory", points: [{ x: 1, y: 2.5 }, { x: 2, y: 2.5 }] },
  ],
};

const data: ReportData = {
  session: { id: `id${H}`, code: `C${H}`, name: `name ${H}`, status: "ended", createdAt: new Date(0), endedAt: new Date(0), seed: `seed ${H}` },
  game: { id: `game${H}`, version: `1${H}`, title: `title ${H}` },
  treatment: { description: `desc ${H}`, groups: 1, groupSize: 2, rounds: 2, matching: `fixed${H}`, json: JSON.stringify({ name: H }, null, 2) },
  locale: "en",
  charts: [chart],
  chartRounds: [],
  params: null,
  rounds: [{ round: 1, groups: 1, decisions: 2, botDecisions: 1, timedOut: 0, meanPoints: 2, minPoints: 1, maxPoints: 3 }],
  participants: [
    { seat: 0, label: H, participantId: "p1", rounds: 1, botRounds: 0, timedOut: 0, totalPoints: 3, meanPoints: 3 },
    { seat: 1, label: `"quoted" & 'single'`, participantId: "p2", rounds: 1, botRounds: 1, timedOut: 0, totalPoints: 1, meanPoints: 1 },
  ],
  seats: { people: 2, botSeats: 0, peoplePoints: 4, peopleRounds: 2 },
};

describe("report-html", () => {
  it("esc escapes the five HTML-special characters", () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("no hostile text survives unescaped anywhere: labels, names, treatment, chart titles and series", async () => {
    const html = await reportHtml(data);
    expect(html).not.toContain(H);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`<td>${HE}</td>`);
    expect(html).toContain("<td>&quot;quoted&quot; &amp; &#39;single&#39;</td>");
    expect(html.split(HE).length - 1).toBeGreaterThanOrEqual(14);
    // the SVG (vega) escapes the chart's texts too
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
    expect(svg).toContain(`round ${HE}`);
    expect(svg).toContain(`played ${HE.slice(0, 25)}`); // the legend shortens long names ("…")
    // and its one accessible name (title and description) is escaped as an attribute
    expect(svg.startsWith(`<svg role="img" aria-label="title ${HE}. description ${HE}" `)).toBe(true);
  });

  it("names every game in the session's language: English as the game calls itself, German translated", async () => {
    for (const g of Object.values(games)) {
      const game = { id: g.id, version: g.version, title: g.title };
      const en = await reportHtml({ ...data, charts: [], game });
      const de = await reportHtml({ ...data, charts: [], game, locale: "de" });
      expect(en, g.id).toContain(`<dd>${esc(g.title)} <span`);
      expect(de, g.id).not.toContain(esc(g.title));
      expect(de).toContain('<html lang="de">');
    }
  });

  it("says how many groups of how many seats: \"1 group of 3\", not \"1 of 3\"", async () => {
    const groups = async (n: number, locale: "en" | "de" = "en") =>
      /<dd>([^<]*)<\/dd>/.exec((await reportHtml({ ...data, charts: [], locale, treatment: { ...data.treatment, groups: n, groupSize: 3, matching: "fixed" } })).split(locale === "en" ? "<dt>Groups</dt>" : "<dt>Gruppen</dt>")[1]!)![1];
    expect(await groups(1)).toBe("1 group of 3 (fixed matching)");
    expect(await groups(2)).toBe("2 groups of 3 (fixed matching)");
    expect(await groups(1, "de")).toBe("1 zu je 3 (feste Zuordnung)");
  });

  it("heads a chart-number column by the series and its role, once: \"played\", not \"played (played)\"", async () => {
    const { spread: _spread, ...plain } = chart;
    const named: Chart = { ...plain, id: "c", title: "t", x: { title: "round" }, series: [{ ...chart.series[0]!, name: "played" }, { ...chart.series[1]!, name: "Nash equilibrium" }] };
    const heads = (html: string) => [...html.split('data-testid="report-chart-table-c"')[1]!.split("</thead>")[0]!.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads(await reportHtml({ ...data, charts: [named] }))).toEqual(["round", "played", "Nash equilibrium (theory)"]);
    const de: Chart = { ...named, series: [{ ...named.series[0]!, name: "gespielt" }, named.series[1]!] };
    expect(heads(await reportHtml({ ...data, charts: [de], locale: "de" }))).toEqual(["round", "gespielt", "Nash equilibrium (Theorie)"]);
    expect(heads(await reportHtml({ ...data, charts: [{ ...named, series: [{ ...named.series[0]!, name: "user 1" }] }] }))).toEqual(["round", "user 1 (played)"]);
  });
});
