/**
 * Wording of the SSG launch check (findings A1): a verdict carries its own reason, and the property's
 * definition is marked as such, so that a "no" followed by the definition cannot read as its reason.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment, type LoadedTreatment } from "../../engine";
import { games } from "../../games/registry";
import { irVerdict, nsePlayScored } from "../../games/ssg-defense/ir-check";
import { trueGame, truthPlan } from "../../games/ssg-defense/benchmarks";
import { newSession, runBots } from "../../testing/drive";
import { instanceOf, type SsgParams } from "../../games/ssg-defense/params";
import { launchCheck, launchCheckText } from "../launch-check";
import { readable } from "./section";
import { ssgPredictions, theorem43Verdict } from "./ssg";

const EXAMPLES = join(import.meta.dirname, "../../../examples/treatments");
const raw = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as { params: Record<string, unknown> } & Record<string, unknown>;
function load(t: unknown): LoadedTreatment {
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("\n"));
  return lt.value;
}
const line = (text: string, label: string) => text.split("\n").find((l) => l.includes(label)) ?? "";

/** The shipped instance with non-overlapping defenders (Definition 3.1, the map g of §3.2); its NSE covers every target in (0, 1). */
function nonOverlapping(mode: "coordinated" | "recommendation") {
  const t = raw("ssg-defense-uncoordinated-3.json");
  t.params = {
    ...t.params,
    mode,
    mechanism: mode === "coordinated" ? "cswMaxNse" : "cswMax",
    defenders: [
      { resources: 1, reward: [3.5, 2.5, 1.5, 0.5], penalty: [3, 2, 1, 0] },
      { resources: 1, reward: [0.5, 3.5, 2.5, 1.5], penalty: [0, 3, 2, 1] },
      { resources: 1, reward: [1.5, 0.5, 3.5, 2.5], penalty: [1, 0, 3, 2] },
    ],
  };
  return load(t);
}

describe("SSG launch check wording (A1)", () => {
  it("Theorem 4.3, no: names the defenders whose payoffs overlap, not the definition, and marks the conditions as such", () => {
    const text = launchCheckText(launchCheck(load(raw("ssg-defense-recommendation.json"))));
    const l = line(text, "CSW-Max-NSE strategy-proof here (Theorem 4.3)");
    expect(l).toMatch(/: no: overlapping payoffs for defender 1 \(Harbour and Oil rig\), defender 2 \(Harbour and Oil rig\) and defender 3 \(Harbour and Oil rig\) {2}\(the theorem needs: /);
    expect(l).not.toMatch(/no {2}\(every defender has non-overlapping payoffs/);
  });

  it("Theorem 4.3, yes: says why it applies", () => {
    const text = launchCheckText(launchCheck(nonOverlapping("coordinated")));
    expect(line(text, "CSW-Max-NSE strategy-proof here (Theorem 4.3)")).toMatch(
      /: yes: every defender's payoffs are non-overlapping and the NSE covers every target with a probability strictly between 0 and 1 {2}\(the theorem needs: /,
    );
  });

  it("Theorem 4.3, no because of the NSE coverage: names the targets covered not at all or fully", () => {
    const lt = nonOverlapping("coordinated");
    const g = instanceOf(lt.params as SsgParams);
    const v = theorem43Verdict(false, g, [0.5, 0, 1, 0.25], ["A", "B", "C", "D"]);
    expect(v.value).toBe("no: the NSE leaves B uncovered; the NSE covers C fully");
    expect(v.hint).toMatch(/^the theorem needs: /);
  });

  it("recommendation IR, no: the gainers in the verdict (plural agreement), the definition marked 'IR means'", () => {
    const text = launchCheckText(launchCheck(load(raw("ssg-defense-recommendation.json"))));
    expect(line(text, "Recommendation individually rational (§5)")).toMatch(
      /: no: defenders 2 and 3 gain up to 0\.3489 by changing their recommended allocation {2}\(IR means: on the true payoffs, no defender gains/,
    );
    expect(irVerdict({ ir: false, maxGain: 0.25, gainers: [1] }, (x) => x).value).toBe("no: defender 1 gains up to 0.25 by changing her recommended allocation");
  });

  it("recommendation IR, yes: says that nobody gains", () => {
    const text = launchCheckText(launchCheck(nonOverlapping("recommendation")));
    expect(line(text, "Recommendation individually rational (§5)")).toMatch(/: yes: no defender gains by changing her recommended allocation {2}\(IR means: /);
  });
});

describe("SSG launch check numbers (A4): significant digits for reading, full precision in the data", () => {
  /** The shipped uncoordinated example with every payoff multiplied by f (accepted: the gaps stay ≥ 1e-6). */
  function scaledExample(f: number) {
    const t = raw("ssg-defense-uncoordinated-3.json");
    const p = t.params as unknown as SsgParams;
    const sc = (xs: number[]) => xs.map((v) => v * f);
    t.params = { ...t.params, attacker: { reward: sc(p.attacker.reward), penalty: sc(p.attacker.penalty) }, defenders: p.defenders.map((d) => ({ ...d, reward: sc(d.reward), penalty: sc(d.penalty) })) };
    return load(t);
  }

  it("readable: at most 4 decimals, at least 4 significant digits; unchanged for numbers with at most 4 decimals", () => {
    expect(readable(3.550793)).toBe("3.5508");
    expect(readable(0.0000355079)).toBe("0.00003551");
    expect(readable(-1.23456e-9)).toBe("-1.235e-9");
    expect(readable(0)).toBe("0");
    expect(readable(1234.56789)).toBe("1234.5679");
    for (const v of [0.1234, 0.0012, 0.0001, -7.5, 12, 0.0999]) expect(readable(v)).toBe(String(v));
    expect(readable(0.012345, 3)).toBe("0.0123");
  });

  it("payoffs × 1e-5: welfare and utilities are not shown as 0, and --json holds them at full precision", () => {
    const lt = scaledExample(1e-5);
    const { predictions } = ssgPredictions(lt.params as SsgParams);
    const c = launchCheck(lt);
    const s = c.sections.find((x) => x.id === "ssg-mechanisms")!;
    const outcomes = s.tables.find((t) => t.title === "Outcomes")!;
    // the data (what --json prints) is the mechanisms' own numbers, unrounded
    outcomes.rows.forEach((r, k) => {
      expect(r[1]).toBe(predictions[k]!.outcome!.welfare);
      expect(r.slice(3)).toEqual(predictions[k]!.outcome!.defenderUtilities);
    });
    const nse = predictions[0]!.outcome!.welfare;
    expect(nse).toBeGreaterThan(1e-5);
    expect(nse).toBeLessThan(2e-5);
    const json = JSON.parse(JSON.stringify(c));
    expect(json.sections.find((x: { id: string }) => x.id === "ssg-mechanisms").tables[0].rows[0][1]).toBe(nse);
    // the text shows 4 significant digits
    const text = launchCheckText(c);
    expect(line(text, "Predicted welfare / attacked target")).toContain(`: ${readable(nse)} / Harbour`);
    expect(readable(nse)).toMatch(/^0\.0000\d{4}$/);
    expect(line(text, "NSE (no coordination) ← this treatment")).toMatch(new RegExp(`← this treatment {2,}${readable(nse).replace(".", "\\.")} {2,}Harbour {2,}0\\.00000\\d{4} `));
    expect(text).not.toMatch(/this treatment {2,}0 {2,}Harbour/);
  });

  it("payoffs at their usual scale: still 4 decimals in the text", () => {
    const text = launchCheckText(launchCheck(scaledExample(1)));
    expect(line(text, "Predicted welfare / attacked target")).toMatch(/: 1\.1188 \/ Harbour/);
    expect(line(text, "CSW-Max  ")).toMatch(/CSW-Max {2,}3\.5508 {2,}Harbour/);
  });
});

describe("recommendation mode: the launch check warns how a changed recommendation is scored (A2)", () => {
  it("warns with this instance's numbers: everyone playing her NSE coverage is scored far below the NSE", () => {
    const lt = load(raw("ssg-defense-recommendation.json"));
    const p = lt.params as SsgParams;
    const c = launchCheck(lt);
    const w = c.warnings.filter((x) => /^Recommendation mode scores a changed recommendation as a modification of the plan, not as independent play/.test(x));
    expect(w).toHaveLength(1);
    const dev = nsePlayScored(p, truthPlan(p) as never);
    expect(dev.welfare).toBeCloseTo(-3.5538, 4);
    expect(w[0]).toContain(`expected welfare would be ${readable(dev.welfare)} (defenders: ${dev.utilities.map((u) => readable(u)).join(", ")}), against 1.1188 at the NSE without coordination and 3.5508 when everyone follows`);
    expect(w[0]).toContain('The default "nse" bot plays exactly that: pilot with --bot follower');
    expect(launchCheckText(c)).toContain(`  ! ${w[0]}`);
    // the other modes have no such warning
    for (const f of ["ssg-defense-uncoordinated-3.json", "ssg-defense-coordinated-join.json"])
      expect(launchCheck(load(raw(f))).warnings.join("\n")).not.toMatch(/modification of the plan/);
  });

  it("the warning's number is what the engine scores: every round of NSE bots has the welfare of its draw, and the expectation weighs the draws", () => {
    const t = raw("ssg-defense-recommendation.json");
    t.params = { ...t.params, rounds: 12 };
    const lt = load(t);
    const p = lt.params as SsgParams;
    const all = { ...lt, treatment: { ...lt.treatment, bots: { ...lt.treatment.bots, seats: Array(lt.seats).fill("nse") } } };
    const end = runBots(newSession(all, "a2-nse").state, all, 0);
    expect(end.rounds).toHaveLength(12);
    const dev = nsePlayScored(p, truthPlan(p) as never);
    expect(dev.perDraw.reduce((a, d) => a + d.prob * d.welfare, 0)).toBeCloseTo(dev.welfare, 12);
    for (const r of end.rounds) {
      expect(r.group.followed).toBe(0);
      const w = r.group.welfare as number;
      expect(dev.perDraw.some((d) => Math.abs(d.welfare - w) < 1e-9)).toBe(true);
      expect(w).toBeLessThan(trueGame(p).nseWelfare);
    }
  });
});
