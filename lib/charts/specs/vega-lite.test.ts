/**
 * The spec in the projector's language: German axes write decimals with a comma, the tooltips' own
 * words come from the catalogue; English stays as it was.
 */
import * as vega from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { investmentChart, investmentHistogramChart } from "../ids-investment";
import { ssgDefenseCharts } from "../ssg-defense";
import { CHART_PALETTE } from "../palette";
import type { Chart, ChartRound } from "../types";
import { load as loadSsg } from "../../games/ssg-defense/testing";
import { categoryLabelAngle, chartSpec, seriesColors } from "./vega-lite";

const rounds: ChartRound[] = [1, 2, 3].map((round) => ({
  groupId: "g1",
  round,
  group: {},
  players: [0.25, 0.5, 1.75].map((x) => ({ decision: { x }, outcome: { nash_x: 0.5, so_x: 1.25 }, payoff: 0 })),
}));

async function svgOf(locale: "en" | "de") {
  const chart = investmentChart({ params: {}, rounds, locale });
  const spec = compile(chartSpec(chart, { width: 400, embedData: true, locale })).spec;
  const view = new vega.View(vega.parse(spec, undefined, { ast: true }), { expr: expressionInterpreter as never, renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return { svg, spec: JSON.stringify(spec) };
}

describe("chart spec in the session's language", () => {
  it("German: axis numbers with a decimal comma, German axis titles and tooltip words", async () => {
    const { svg, spec } = await svgOf("de");
    expect(svg).toMatch(/>0,\d</);
    expect(svg).not.toMatch(/>0\.\d</);
    expect(svg).toContain("Investition x");
    expect(svg).toContain("Runde");
    expect(spec).toContain("Werte");
    expect(spec).toContain("Reihe");
  });
  it("English: decimal point, English words", async () => {
    const { svg, spec } = await svgOf("en");
    expect(svg).toMatch(/>0\.\d</);
    expect(svg).not.toMatch(/>0,\d</);
    expect(svg).toContain("investment x");
    expect(spec).not.toContain("Werte");
  });
});

describe("series colours", () => {
  it("a series with a fixed colour keeps it whatever its place; the others take the palette's free colours in order", () => {
    const chart = (names: string[]): Chart => ({
      id: "c",
      title: "t",
      description: "d",
      kind: "rounds",
      x: { title: "round" },
      y: { title: "y" },
      series: names.map((name) => ({ name, role: name === "played" ? "played" : "theory", ...(name === "B" ? { color: CHART_PALETTE[1] } : {}), points: [] })),
    });
    expect([...seriesColors(chart(["played", "A", "B"]))]).toEqual([["played", CHART_PALETTE[0]], ["A", CHART_PALETTE[2]], ["B", CHART_PALETTE[1]]]);
    expect([...seriesColors(chart(["played", "B", "A"]))]).toEqual([["played", CHART_PALETTE[0]], ["B", CHART_PALETTE[1]], ["A", CHART_PALETTE[2]]]);
    // the spec draws the same colours as the HTML legend
    const spec = JSON.stringify(chartSpec(chart(["played", "A", "B"])));
    expect(spec).toContain(JSON.stringify({ domain: ["played", "A", "B"], range: [CHART_PALETTE[0], CHART_PALETTE[2], CHART_PALETTE[1]] }));
  });

  it("SSG: NSE and CSW-Max have one colour each across the coverage, attacked-target and welfare charts", () => {
    const charts = ssgDefenseCharts({ params: loadSsg({ mode: "recommendation" }).params as never, rounds: [] });
    const byName = new Map<string, Set<string>>();
    for (const c of charts) for (const [name, color] of seriesColors(c)) byName.set(name, (byName.get(name) ?? new Set()).add(color));
    expect([...byName.get("NSE")!]).toEqual([CHART_PALETTE[1]]);
    expect([...byName.get("CSW-Max")!]).toEqual([CHART_PALETTE[2]]);
    expect(charts.filter((c) => c.series.some((s) => s.name === "NSE")).length).toBe(3);
  });
});

describe("the rounds axis", () => {
  it("starts at the first round, not at 0, however many rounds", () => {
    const chart: Chart = {
      id: "c",
      title: "t",
      description: "d",
      kind: "rounds",
      x: { title: "round" },
      y: { title: "y" },
      series: [{ name: "played", role: "played", points: Array.from({ length: 40 }, (_, i) => ({ x: i + 1, y: i })) }],
    };
    const spec = chartSpec(chart) as { encoding?: { x?: { scale?: unknown } }; layer?: { encoding?: { x?: { scale?: unknown } } }[] };
    const xs = [spec.encoding?.x, ...(spec.layer ?? []).map((l) => l.encoding?.x)].filter((x) => x !== undefined);
    expect(xs.length).toBeGreaterThan(0);
    for (const x of xs) expect(x!.scale).toEqual({ zero: false, nice: false });
  });
});


/** The x axis's labels as Vega draws them (the bottom axis of the view's scenegraph). */
interface Label {
  text: string;
  x: number;
  angle: number;
  fontSize: number;
}
function xLabels(node: unknown, out: Label[] = []): Label[] {
  const n = node as { marktype?: string; role?: string; items?: unknown[] } | undefined;
  if (!n?.items) return out;
  if (n.marktype === "text" && n.role === "axis-label") {
    const items = n.items as { text: string; x: number; y: number; angle?: number; fontSize?: number; mark: { group: { x?: number; y?: number } } }[];
    // the bottom axis's labels stand in a row (equal y), the y axis's in a column
    if (items.length > 1 && items.every((i) => i.y === items[0]!.y)) out.push(...items.map((i) => ({ text: i.text, x: i.x, angle: i.angle ?? 0, fontSize: i.fontSize ?? 12 })));
    return out;
  }
  for (const item of n.items) xLabels(item, out);
  return out;
}

async function drawnLabels(chart: Chart, width: number) {
  const spec = compile(chartSpec(chart, { width, embedData: true })).spec;
  const view = new vega.View(vega.parse(spec, undefined, { ast: true }), { expr: expressionInterpreter as never, renderer: "none" });
  await view.runAsync();
  const labels = xLabels((view.scenegraph() as unknown as { root: unknown }).root);
  view.finalize();
  return labels;
}

/** Neighbouring labels do not overlap: level ones leave room for their text (~7 px a character), slanted ones a line between them. */
function overlaps(labels: Label[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < labels.length; i++) {
    const [a, b] = [labels[i - 1]!, labels[i]!];
    const dx = b.x - a.x;
    const room = a.angle === 0 ? ((a.text.length + b.text.length) / 2) * 7 + 4 : b.fontSize / Math.abs(Math.sin((a.angle * Math.PI) / 180));
    if (dx < room) out.push(`${a.text} / ${b.text}`);
  }
  return out;
}

describe("labels of a chart's categories", () => {
  const rounds: ChartRound[] = [{ groupId: "g1", round: 4, group: {}, players: [0.2, 1.5, 3, 5.8].map((x) => ({ decision: { x }, outcome: { nash_x: 1, so_x: 2 }, payoff: 0 })) }];
  const histogram = (locale: "en" | "de" = "en") => investmentHistogramChart({ params: { xMax: 6 }, rounds, locale });

  it("the investment histogram's ten bins are readable on the projector at 1280×720 (~330 px a chart): slanted, not overlapping", async () => {
    const labels = await drawnLabels(histogram(), 330);
    expect(labels.map((l) => l.text)).toEqual(["0–0.6", "0.6–1.2", "1.2–1.8", "1.8–2.4", "2.4–3", "3–3.6", "3.6–4.2", "4.2–4.8", "4.8–5.4", "5.4–6"]);
    expect(labels.every((l) => l.angle === -45 || l.angle === 315)).toBe(true);
    expect(overlaps(labels)).toEqual([]);
  });

  it("a live chart (container width) slants them; so does German; a wide file keeps them level", () => {
    const angle = (chart: Chart, width?: number) => (chartSpec(chart, width ? { width } : {}) as { encoding: { x: { axis: { labelAngle: number } } } }).encoding.x.axis.labelAngle;
    expect(angle(histogram())).toBe(-45);
    expect(angle(histogram("de"))).toBe(-45);
    expect(angle(histogram(), 640)).toBe(0);
  });

  it("few or short categories stay level", () => {
    expect(categoryLabelAngle(["type 1 (low)", "type 2"], "container")).toBe(0);
    expect(categoryLabelAngle(["A", "B", "C", "D", "E"], "container")).toBe(0);
    expect(categoryLabelAngle(["0–0.6", "0.6–1.2", "1.2–1.8", "1.8–2.4", "2.4–3", "3–3.6", "3.6–4.2", "4.2–4.8", "4.8–5.4", "5.4–6"], "container")).toBe(-45);
  });

  it("the room's screen draws larger text (fontSize): axes and legends at that size, and labels that fit at 12 px may need the slant", () => {
    const config = (chartSpec(histogram(), { fontSize: 16 }) as { config: { axis: { labelFontSize: number; titleFontSize: number }; legend: { labelFontSize: number } } }).config;
    expect([config.axis.labelFontSize, config.axis.titleFontSize, config.legend.labelFontSize]).toEqual([16, 16, 16]);
    const four = ["abcdef", "bcdefg", "cdefgh", "defghi"];
    expect(categoryLabelAngle(four, "container")).toBe(0);
    expect(categoryLabelAngle(four, "container", 16)).toBe(-45);
  });
});
