/**
 * Every shipped example treatment played to the end by bots through the real engine: each chart the
 * game draws has its series filled from the records the game actually emits (a renamed record field
 * would leave a series empty here), bots that play the theory land on the theory's line, and every
 * chart's Vega-Lite spec compiles, parses for the CSP-safe interpreter and holds the chart's rows.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as vega from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { loadTreatment, type LoadedTreatment } from "../engine";
import { games } from "../games/registry";
import { newSession, runBots } from "../testing/drive";
import { chartRoundOf, chartRoundsOf } from "./from-session";
import { CHARTS_BY_GAME, sessionCharts, type Chart, type ChartRound } from "./index";
import { CHART_DATA, chartRows, chartSpec } from "./specs/vega-lite";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples", "treatments");

function load(file: string, patch: (t: Record<string, unknown>) => void = () => {}): LoadedTreatment {
  const t = JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as Record<string, unknown>;
  patch(t);
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("; "));
  return lt.value;
}

function play(lt: LoadedTreatment) {
  const end = runBots(newSession(lt, "charts").state, lt, 0);
  const roundHistory: Record<string, { round: number; group: (typeof end.rounds)[number]["group"] }[]> = {};
  for (const r of end.rounds) (roundHistory[r.groupId] ??= []).push({ round: r.round, group: r.group });
  return { end, rounds: end.rounds.map(chartRoundOf), fromState: chartRoundsOf(end.state, roundHistory) };
}

const allBots = (strategy: string, seats: number) => (t: Record<string, unknown>) => {
  t.bots = { ...(t.bots as object), seats: Array.from({ length: seats }, () => strategy) };
};
const byId = (charts: Chart[], id: string) => {
  const c = charts.find((x) => x.id === id);
  if (!c) throw new Error(`no chart ${id}: ${charts.map((x) => x.id).join(", ")}`);
  return c;
};
const points = (c: Chart, name: string) => c.series.find((s) => s.name === name)!.points;

async function renders(chart: Chart) {
  const vl = compile(chartSpec(chart, { width: 400 })).spec;
  const view = new vega.View(vega.parse(vl, undefined, { ast: true }), { expr: expressionInterpreter as never, renderer: "none" });
  const rows = chartRows(chart);
  view.change(CHART_DATA, vega.changeset().remove(() => true).insert(rows));
  await view.runAsync();
  expect(view.data(CHART_DATA)).toHaveLength(rows.length);
  const svg = await view.toSVG();
  for (const s of chart.series) expect(svg, `${chart.id}: legend of ${s.colorKey ?? s.name}`).toContain(escapeXml(s.colorKey ?? s.name));
  view.finalize();
}
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Bots that take every step the treatment has (e.g. join the coordination, so that they report). */
const BOT_OF: Record<string, string> = { "ssg-defense-coordinated-join.json": "truthful" };
/** A round with its members in a fixed order (seat order in the state, member order in a RoundRow). */
const canonical = (r: ChartRound) => ({ ...r, players: [...r.players].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) });

describe("charts of whole bot sessions of every example treatment", () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));
  it.each(files)("%s: every series is filled, the live state gives the same rounds, every spec renders", async (file) => {
    const lt0 = load(file);
    const lt = load(file, allBots(BOT_OF[file] ?? lt0.treatment.bots.seats[0] ?? lt0.game.defaultBot, lt0.seats));
    const { rounds, fromState } = play(lt);
    expect(rounds.length).toBe(lt.rounds * lt.treatment.groups);
    const sortKey = (r: { groupId: string; round: number }) => `${r.groupId}/${String(r.round).padStart(3, "0")}`;
    const inOrder = (rs: ChartRound[]) => rs.map(canonical).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    expect(inOrder(fromState)).toEqual(inOrder(rounds));
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds });
    // live charts are optional (docs/adding-a-game.md): a game without a builder has none, one with a builder draws at least two
    if (Object.hasOwn(CHARTS_BY_GAME, lt.game.id)) expect(charts.length, `${lt.game.id}: charts drawn`).toBeGreaterThanOrEqual(2);
    else expect(charts, `${lt.game.id} has no builder in CHARTS_BY_GAME, so no charts`).toEqual([]);
    for (const c of charts) {
      for (const s of c.series) {
        const filled = s.points.filter((p) => p.y !== null);
        expect(filled.length, `${c.id} / ${s.name} has points`).toBeGreaterThan(0);
        for (const p of filled) expect(Number.isFinite(p.y), `${c.id} / ${s.name}`).toBe(true);
        if (c.kind === "rounds") expect(s.points.map((p) => p.x)).toEqual(Array.from({ length: lt.rounds }, (_, i) => i + 1));
        if (c.y.share) for (const p of filled) expect(p.y).toBeGreaterThanOrEqual(0), expect(p.y).toBeLessThanOrEqual(1);
      }
      await renders(c);
    }
  });

  it.each(files)("%s at 1,000 participants: the same series and points as the session itself, only the counts grow", (file) => {
    const lt0 = load(file);
    const lt = load(file, allBots(BOT_OF[file] ?? lt0.treatment.bots.seats[0] ?? lt0.game.defaultBot, lt0.seats));
    const { rounds } = play(lt);
    // the same session played by ⌈1000 / seats⌉ rooms at once: every group round again under another group id
    const copies = Math.ceil(1000 / lt.seats);
    const many = Array.from({ length: copies }, (_, k) => rounds.map((r) => ({ ...r, groupId: `${r.groupId}#${k}` }))).flat();
    expect(new Set(many.map((r) => r.groupId)).size * (lt.seats / lt.treatment.groups)).toBeGreaterThanOrEqual(1000);
    const shape = (cs: Chart[]) => cs.map((c) => ({ id: c.id, series: c.series.map((s) => ({ name: s.name, xs: s.points.map((p) => p.x), ys: s.points.map((p) => p.y) })) }));
    const small = sessionCharts(lt.game.id, { params: lt.params, rounds });
    const big = sessionCharts(lt.game.id, { params: lt.params, rounds: many });
    // no line or point per person: the same series with the same points (means and shares do not change)
    expect(shape(big)).toEqual(shape(small));
    big.forEach((c, i) =>
      c.series.forEach((s, j) =>
        s.points.forEach((p, k) => {
          const n = small[i]!.series[j]!.points[k]!.n;
          if (n !== undefined && !c.byPrivateType) expect(p.n, `${c.id} / ${s.name}: n grows with the rooms`).toBe(n * copies);
        }),
      ),
    );
    for (const c of big) expect(chartRows(c).length, c.id).toBeLessThanOrEqual(c.series.length * Math.max(lt.rounds, c.x.categories?.length ?? 0));
  });

  /** Names that are the same in every language (symbols and the paper's abbreviations). */
  const SAME_IN_EVERY_LANGUAGE = new Set(["NSE", "CSW-Max", "‖x̂ − x*‖"]);
  it.each(files)("%s: in German every title, axis title, series name and description is German, the data the same", async (file) => {
    const lt0 = load(file);
    const lt = load(file, allBots(BOT_OF[file] ?? lt0.treatment.bots.seats[0] ?? lt0.game.defaultBot, lt0.seats));
    const { rounds } = play(lt);
    const en = sessionCharts(lt.game.id, { params: lt.params, rounds });
    const de = sessionCharts(lt.game.id, { params: lt.params, rounds, locale: "de" });
    expect(de.map((c) => c.id)).toEqual(en.map((c) => c.id));
    de.forEach((d, i) => {
      const e = en[i]!;
      expect(d.series.map((s) => [s.role, s.points.map((p) => [p.y, p.lo, p.hi, p.n])]), d.id).toEqual(e.series.map((s) => [s.role, s.points.map((p) => [p.y, p.lo, p.hi, p.n])]));
      for (const [de1, en1] of [[d.title, e.title], [d.description, e.description], [d.x.title, e.x.title], [d.y.title, e.y.title], [d.spread, e.spread]] as const)
        if (en1 !== undefined) expect(de1, `${d.id}: "${en1}" in German`).not.toBe(en1);
      d.series.forEach((s, k) => {
        if (!SAME_IN_EVERY_LANGUAGE.has(s.name)) expect(s.name, `${d.id}: series "${e.series[k]!.name}" in German`).not.toBe(e.series[k]!.name);
      });
      if (e.x.categories?.some((c) => /\d\.\d/.test(c))) expect(d.x.categories!.join(" "), `${d.id}: German decimal commas`).toBe(e.x.categories.join(" ").replace(/(\d)\.(\d)/g, "$1,$2"));
      expect(new Set(d.series.map((s) => s.colorKey ?? s.name)).size, `${d.id}: one colour per series`).toBe(new Set(e.series.map((s) => s.colorKey ?? s.name)).size);
    });
    for (const c of de) await renders(c);
  });
});

describe("bots that play the theory land on the theory's line", () => {
  it("ids-investment: social-optimum investors invest x* every round and reach the optimal total cost", () => {
    const lt = load("ids-investment-3.json", allBots("socialOptimum", 3));
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: play(lt).rounds });
    const inv = byId(charts, "ids-investment/investment");
    expect(points(inv, "played").map((p) => p.y)).toEqual(points(inv, "social optimum").map((p) => p.y));
    const cost = byId(charts, "ids-investment/total-cost");
    points(cost, "played").forEach((p, i) => expect(p.y).toBeCloseTo(points(cost, "social optimum")[i]!.y!, 6));
    const hist = byId(charts, "ids-investment/investment-histogram");
    expect(points(hist, "played")).toEqual(points(hist, "social optimum"));
  });

  it("ids-pivotal: truthful bots all join and report truthfully; taxes and budget are the truthful benchmark's", () => {
    const lt = load("ids-pivotal-full-4.json", allBots("truthful", 4));
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: play(lt).rounds });
    const rates = byId(charts, "ids-pivotal/rates");
    expect(points(rates, "joined").every((p) => p.y === 1)).toBe(true);
    expect(points(rates, "reported truthfully").every((p) => p.y === 1)).toBe(true);
    const b = byId(charts, "ids-pivotal/budget");
    points(b, "budget").forEach((p, i) => expect(p.y).toBeCloseTo(points(b, "theory: truthful budget")[i]!.y!, 6));
  });

  it("ids-externality: equilibrium bots send the equilibrium message: distance 0, x̂ = x*, budget 0", () => {
    const lt = load("ids-externality-4.json", allBots("equilibrium", 4));
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: play(lt).rounds });
    for (const p of points(byId(charts, "ids-externality/distance"), "‖x̂ − x*‖")) expect(p.y).toBeCloseTo(0, 6);
    const m = byId(charts, "ids-externality/messages");
    points(m, "user 1: x̂").forEach((p, i) => expect(p.y).toBeCloseTo(points(m, "user 1: equilibrium")[i]!.y!, 6));
    for (const p of points(byId(charts, "ids-externality/budget"), "budget")) expect(p.y).toBeCloseTo(0, 6);
  });

  it("ssg-defense: NSE players cover the targets as the NSE does and are attacked where the NSE is", () => {
    const lt = load("ssg-defense-uncoordinated-3.json", allBots("nse", 3));
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: play(lt).rounds });
    const cov = byId(charts, "ssg-defense/coverage");
    points(cov, "played").forEach((p, i) => expect(p.y).toBeCloseTo(points(cov, "NSE")[i]!.y!, 6));
    const att = byId(charts, "ssg-defense/attacked");
    expect(points(att, "attacked").map((p) => p.y)).toEqual(points(att, "NSE").map((p) => p.y));
    expect(charts.map((c) => c.id)).not.toContain("ssg-defense/compliance"); // no recommendations, reports or joining
  });

  it("ssg-defense: recommendation followers follow every recommendation", () => {
    const lt = load("ssg-defense-recommendation.json", allBots("follower", load("ssg-defense-recommendation.json").seats));
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: play(lt).rounds });
    expect(points(byId(charts, "ssg-defense/compliance"), "followed recommendation").every((p) => p.y === 1)).toBe(true);
  });

  it("cip-contracts: truthful CIs take their own type's contract (IC rate 1, no rejections)", () => {
    const lt = load("cip-contracts-menu-4.json", allBots("truthful", 4));
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: play(lt).rounds });
    expect(points(byId(charts, "cip-contracts/ic-rate"), "own contract").every((p) => p.y === 1)).toBe(true);
    expect(points(byId(charts, "cip-contracts/rejections"), "rejected").every((p) => p.y === 0)).toBe(true);
    const byType = byId(charts, "cip-contracts/contract-by-type");
    byType.x.categories!.forEach((_, k) => {
      const own = points(byType, `contract for type ${k + 1}`)[k]!;
      if (own.n! > 0) expect(own.y).toBe(1);
    });
  });

  it("cip-contracts, equal split: the CC's utility is the equal split's, drawn against what the optimal menu would have given", () => {
    const lt0 = load("cip-contracts-equal-4.json");
    const lt = load("cip-contracts-equal-4.json", allBots(lt0.game.defaultBot, lt0.seats));
    const u = byId(sessionCharts(lt.game.id, { params: lt.params, rounds: play(lt).rounds }), "cip-contracts/cc-utility");
    expect(u.series.map((s) => [s.name, s.role])).toEqual([["played", "played"], ["optimal menu", "theory"], ["equal split", "theory"]]);
    points(u, "played").forEach((p, i) => expect(p.y).toBeCloseTo(points(u, "equal split")[i]!.y!, 6));
    expect(points(u, "optimal menu").every((p) => typeof p.y === "number")).toBe(true);
  });
});
