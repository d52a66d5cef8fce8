import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadTreatment } from "../../engine";
import { games } from "../registry";
import { newSession, runBots } from "../../testing/drive";
import { checkIndividualRationality, decomposeJoint } from "../../mechanisms/ssg/recommendation";
import { trueGame } from "./benchmarks";
import type { SsgParams } from "./params";
import { roundContext } from "../../core/round-context";
import { makeRng, seedFrom } from "../../core/rng";
import { ssgMonitor } from "./score";
import { gameOf, group, paramsOf } from "./testing";

describe("the recommendation's individual-rationality check per round", () => {
  it("is in every round's group record and agrees with the §5 check of the plan", () => {
    const file = join(import.meta.dirname, "../../../examples/treatments/ssg-defense-recommendation.json");
    const lt = loadTreatment(readFileSync(file, "utf8"), games);
    if (!lt.ok) throw new Error(lt.errors.join());
    const v = lt.value;
    const all = { ...v, treatment: { ...v.treatment, bots: { ...v.treatment.bots, seats: Array(v.seats).fill(v.game.defaultBot) } } };
    const end = runBots(newSession(all, "ir").state, all, 0);
    expect(end.rounds.length).toBeGreaterThan(0);
    const p = v.params as SsgParams;
    const tg = trueGame(p);
    // CSW-Max's plan on the true payoffs is not IR in this example (docs/games/ssg-defense.md)
    const expected = checkIndividualRationality(tg.instance, decomposeJoint(tg.instance, tg.cswMax.coverage, tg.cswMax.target), tg.cswMax.target);
    for (const r of end.rounds) {
      expect(typeof r.group.rec_ir).toBe("boolean");
      expect(typeof r.group.rec_ir_max_gain).toBe("number");
      if (r.group.rec_ir === false) expect(r.group.rec_ir_max_gain as number).toBeGreaterThan(0);
    }
    expect(end.rounds.some((r) => r.group.rec_ir === expected.ir)).toBe(true);
  });

  it("is on the monitor, with the same verdict as the round's record", () => {
    const file = join(import.meta.dirname, "../../../examples/treatments/ssg-defense-recommendation.json");
    const lt = loadTreatment(readFileSync(file, "utf8"), games);
    if (!lt.ok) throw new Error(lt.errors.join());
    const v = lt.value;
    const all = { ...v, treatment: { ...v.treatment, bots: { ...v.treatment.bots, seats: Array(v.seats).fill(v.game.defaultBot) } } };
    const r = runBots(newSession(all, "ir-monitor").state, all, 0, { until: (x) => gameOf(x)?.outcome !== null && group(x).phase === "results" });
    const g = group(r.state);
    const m = ssgMonitor(g.game as never, roundContext({ params: paramsOf(all), round: g.round, players: g.members, roles: g.roles, rng: makeRng(seedFrom("m")), nowMs: 0, history: {} }));
    const shown = m.metrics.find((x) => x.label === "Recommendation individually rational (§5)")?.value;
    // the same seed played to the end: round 1's record
    const record = runBots(newSession(all, "ir-monitor").state, all, 0).rounds.find((x) => x.round === 1)!.group;
    expect(typeof record.rec_ir).toBe("boolean");
    if (record.rec_ir) expect(shown).toMatch(/^yes: no defender gains/);
    else expect(String(shown)).toMatch(new RegExp(`^no: defenders? [\\d, and]+ gains? up to ${String(record.rec_ir_max_gain).slice(0, 4).replace(".", "\\.")}`));
  });
});

