/**
 * The spec in the projector's language: German axes write decimals with a comma, the tooltips' own
 * words come from the catalogue; English stays as it was.
 */
import * as vega from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { investmentChart } from "../ids-investment";
import type { ChartRound } from "../types";
import { chartSpec } from "./vega-lite";

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
