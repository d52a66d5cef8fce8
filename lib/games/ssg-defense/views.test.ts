import { describe, expect, it } from "vitest";
import { roundContext } from "../../core/round-context";
import { participantView, type LoadedTreatment, type SessionState } from "../../engine";
import { must, newSession, runBots } from "../../testing/drive";
import { trueGame } from "./benchmarks";
import { exaggeratedReport } from "./bots";
import { COAST } from "./fixtures";
import { makeRng, seedFrom } from "../../core/rng";
import { ssgMonitor } from "./score";
import { act, gameOf, group, load, paramsOf, start } from "./testing";
import type { SsgView } from "./views";

/**
 * Distinctive payoffs: any of the others' numbers in the human's view would be a leak. Bots take the
 * first seats (bots.seats fills seats in order), so the human is p3, defender 3 (index 2).
 */
const GAME = {
  targets: ["North", "East", "South", "West"],
  attacker: { reward: [9.1373, 7.2191, 6.3437, 5.4713], penalty: [-3.1637, -3.2273, -2.3893, -2.4171] },
  defenders: [
    { resources: 1, reward: [1.7137, 6.8271, 3.9319, 1.1497], penalty: [-1.2837, -9.3719, -5.4197, -1.5233] },
    { resources: 1, reward: [1.6179, 1.7331, 6.8597, 3.9473], penalty: [-1.1813, -1.2939, -9.3113, -5.4571] },
    { resources: 1, reward: [6.5, 3.5, 1.5, 1.5], penalty: [-9, -5, -1, -1] },
  ],
};
const HUMAN = "p3";
const ME = 2;

const numbers = (xs: readonly number[]) => xs.map((x) => String(x).slice(0, 10));

/** Play the human seat with bots in the others; call `check` on the human's view at every state. */
function playAsP1(lt: LoadedTreatment, check: (v: SsgView, s: SessionState) => void): number {
  let s = start(lt, newSession(lt, "leak").state);
  let now = 0;
  let views = 0;
  for (let k = 0; k < 200; k++) {
    const pv = participantView(s, lt, HUMAN, now)!;
    if (pv.stage === "done") break;
    const v = pv.play?.game as SsgView | null;
    if (v) {
      check(v, s);
      views++;
    }
    if (pv.play?.myTurn && v) {
      const me = GAME.defenders[ME]!;
      const action =
        pv.play.phase === "join" ? { type: "join", join: true }
        : pv.play.phase === "decide" && v.task === "report" ? { type: "report", reward: me.reward, penalty: me.penalty }
        : pv.play.phase === "decide" ? { type: "allocate", coverage: [0.25, 0.25, 0.25, 0.25] }
        : pv.play.phase === "follow" ? { type: "follow" }
        : { type: "continue" };
      s = must(s, lt, act(HUMAN, action), ++now);
      continue;
    }
    const run = runBots(s, lt, now, { until: (x) => x.version > s.version });
    s = run.state;
    now = run.nowMs + 1;
  }
  expect(participantView(s, lt, HUMAN, now)!.stage).toBe("done");
  return views;
}

describe("a defender's view", () => {
  it.each([
    ["uncoordinated", { mode: "uncoordinated" }, ["random", "random"]],
    ["coordinated with a join phase", { mode: "coordinated", joinPhase: true }, ["misreporter", "random"]],
    ["recommendation with reports", { mode: "recommendation", reports: true }, ["random", "misreporter"]],
    ["recommendation, attacker hidden", { mode: "recommendation", attackerPayoffs: "hidden" }, ["random", "nse"]],
  ] as const)("never holds another defender's payoffs, reports, coverage or recommendation (%s)", (_name, params, bots) => {
    const lt = load({ ...GAME, ...params }, { bots: { seats: [...bots] } });
    const p = paramsOf(lt);
    const others = GAME.defenders.filter((_, i) => i !== ME);
    const secrets = [
      ...others.flatMap((d) => numbers([...d.reward, ...d.penalty])),
      ...others.flatMap((d) => numbers(exaggeratedReport({ me: { ...d, index: 0 } } as unknown as SsgView).reward)),
      ...(p.attackerPayoffs === "hidden" ? numbers([...GAME.attacker.reward, ...GAME.attacker.penalty]) : []),
    ];
    const seen = playAsP1(lt, (v, s) => {
      const text = JSON.stringify(participantView(s, lt, HUMAN, 0));
      for (const x of secrets) expect(text, `leaks ${x}`).not.toContain(x);
      const st = gameOf(s);
      for (const c of st.coverage.filter((_, i) => i !== ME)) if (c) for (const x of numbers(c.filter((y) => y > 0 && y < 1))) expect(text).not.toContain(x);
      for (const r of st.reports.filter((_, i) => i !== ME)) if (r) for (const x of numbers([...r.reward, ...r.penalty]).filter((y) => y.length > 4)) expect(text).not.toContain(x);
      expect(text).not.toMatch(/"recommendations"|"dist"|"assignment"/);
      expect(v.me.index).toBe(ME);
      if (v.recommendation) expect(v.recommendation.mine).toEqual(st.plan!.recommendations[ME]);
      if (p.attackerPayoffs === "hidden") {
        expect(v.attacker).toBeNull();
        expect(v.recommendation?.planTarget ?? null).toBeNull();
      }
      expect(v.me.reward).toEqual(GAME.defenders[ME]!.reward);
    });
    expect(seen).toBeGreaterThan(4);
  });
});

describe("the experimenter's monitor", () => {
  it("shows per round the combined coverage, the attacked target, each defender's utility vs NSE and welfare vs CSW-Max", () => {
    const lt = load({ mode: "uncoordinated", rounds: 1, resultsSeconds: null }, { bots: { seats: ["random", "nse", "nse"] } });
    const end = runBots(newSession(lt, "monitor").state, lt, 0, { until: (x) => gameOf(x)?.outcome !== null && group(x).phase === "results" });
    const g = group(end.state);
    const tg = trueGame(paramsOf(lt));
    const m = ssgMonitor(g.game as never, roundContext({ params: paramsOf(lt), round: 1, players: g.members, roles: g.roles, rng: makeRng(seedFrom("monitor")), nowMs: 0, history: {} }));
    const metric = (label: string) => m.metrics.find((x) => x.label === label)?.value;
    const o = gameOf(end.state).outcome!;
    expect(metric("Welfare this round")).toBeCloseTo(o.welfare, 3);
    expect(metric("Welfare under CSW-Max")).toBeCloseTo(tg.cswMax.welfare, 3);
    expect(metric("Welfare at the NSE")).toBeCloseTo(tg.nseWelfare, 3);
    expect(metric("Attacked target")).toBe(COAST.targets[o.target]);
    const [targets, defenders] = m.tables;
    expect(targets!.columns).toContain("coverage this round");
    expect(targets!.rows.map((r) => r[4])).toEqual(o.coverage.map((c) => `${Math.round(c * 100)}%`));
    expect(defenders!.columns).toEqual(expect.arrayContaining(["U expected", "NSE U", "CSW-Max U"]));
    defenders!.rows.forEach((r, i) => {
      expect(r[3]).toBeCloseTo(o.expected[i]!, 3);
      expect(r[5]).toBeCloseTo(tg.nse.defenderUtilities[i]!, 3);
    });
  });
});
