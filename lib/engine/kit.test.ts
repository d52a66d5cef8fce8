/**
 * The kit's engine side: actions answer a phase instance (stale answers refused, nothing changed),
 * only the current phase's action types reach `apply`, and timed-out seats are kept by the engine.
 */
import { describe, expect, it } from "vitest";
import { defineGame } from "../core/game";
import { idsInvestment } from "../games/ids-investment";
import { games } from "../games/registry";
import { must, newSession, passIntro } from "../testing/drive";
import { loadTreatment } from "./treatment";
import { reduce } from "./reduce";
import { participantView } from "./views";
import type { SessionState } from "./state";
import { ChunkMap } from "./chunk-map";

const lt = (() => {
  const params = { alpha: [10, 12], W: [[1, 0.5], [0.5, 1]], c: [1, 1.5], xMax: 5, rounds: 2, decisionSeconds: 60, resultsSeconds: 10, timeoutDefault: "zero" };
  const r = loadTreatment({ name: "t", game: "ids-investment", params }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
})();

const start = () => passIntro(newSession(lt).state, lt, 1_000_000);
const screen = (s: SessionState, pid: string) => {
  const play = participantView(s, lt, pid, 0)!.play!;
  return { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq };
};
let n = 0;
const act = (pid: string, action: unknown, at?: { round: number; phase: string; phaseSeq: number }) => ({
  kind: "action" as const,
  pid,
  clientActionId: `kit-${++n}`,
  action,
  ...(at ? { at } : {}),
});

describe("actions carry the phase instance they answer", () => {
  it("accepts an answer to the screen on show", () => {
    const s = start();
    const [a] = s.order;
    const r = reduce(s, lt, act(a!, { type: "invest", x: 1 }, screen(s, a!)), 1_000_100);
    expect(r.ok).toBe(true);
  });

  it("refuses a late answer to an earlier screen with a clear message and changes nothing", () => {
    let s = start();
    const [a, b] = s.order as [string, string];
    const decideScreen = screen(s, a);
    s = must(s, lt, act(a, { type: "invest", x: 1 }, decideScreen), 1_000_100);
    s = must(s, lt, act(b, { type: "invest", x: 2 }, screen(s, b)), 1_000_200);
    expect(screen(s, a).phase).toBe("results");
    const late = reduce(s, lt, act(a, { type: "continue" }, decideScreen), 1_000_300);
    expect(late.ok).toBe(false);
    if (late.ok) return;
    expect(late.error.code).toBe("action/stale_phase");
    expect(late.error.message).toBe("This screen was for an earlier step; the current one is shown now — nothing was recorded.");
    // the same answer to the current screen is taken
    expect(reduce(s, lt, act(a, { type: "continue" }, screen(s, a)), 1_000_300).ok).toBe(true);
  });

  it("refuses an answer to the same phase of an earlier round", () => {
    let s = start();
    const [a, b] = s.order as [string, string];
    const round1 = screen(s, a);
    for (const pid of [a, b]) s = must(s, lt, act(pid, { type: "invest", x: 1 }, screen(s, pid)), 1_000_100);
    for (const pid of [a, b]) s = must(s, lt, act(pid, { type: "continue" }, screen(s, pid)), 1_000_200);
    expect(screen(s, a)).toMatchObject({ round: 2, phase: "decide" });
    const r = reduce(s, lt, act(a, { type: "invest", x: 3 }, round1), 1_000_300);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("action/stale_phase");
  });

  it("calls a re-entered phase (same id, new instance) 'the previous' one, named by the phase", () => {
    let s = start();
    const [a] = s.order as [string];
    const at = screen(s, a);
    const g = s.groups.toArray()[0]!;
    s = { ...s, groups: ChunkMap.fromEntries([...s.groups.entries(), [g.id, { ...g, phaseSeq: g.phaseSeq + 1 }]]) };
    const r = reduce(s, lt, act(a, { type: "invest", x: 1 }, at), 1_000_100);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe("This screen was for the previous step; the current one is shown now — nothing was recorded.");
  });
});

describe("phases receive only the actions they accept", () => {
  it("refuses another phase's action before the game sees it", () => {
    const s = start();
    const r = reduce(s, lt, act(s.order[0]!, { type: "continue" }), 1_000_100);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("action/wrong_phase");
      expect(r.error.message).toMatch(/belongs to another step; the current step is "Choose your investment"/);
    }
  });
});

describe("timed-out seats are kept by the engine", () => {
  it("flags the seat that let the timer run out, in the view and in the record", () => {
    let s = start();
    const [a, b] = s.order as [string, string];
    s = must(s, lt, act(a, { type: "invest", x: 2 }, screen(s, a)), 1_000_100);
    s = must(s, lt, { kind: "tick" }, 1_000_000 + 61_000);
    const va = participantView(s, lt, a, 1_061_000)!.play!;
    const vb = participantView(s, lt, b, 1_061_000)!.play!;
    expect(vb.phase).toBe("results");
    expect((vb.game as { results: { timedOut: boolean; x: number } }).results).toMatchObject({ timedOut: true, x: 0 });
    expect((va.game as { results: { timedOut: boolean } }).results.timedOut).toBe(false);
  });

  it("also flags a seat whose decision the experimenter's 'End phase now' filled", () => {
    let s = start();
    const [a, b] = s.order as [string, string];
    s = must(s, lt, act(a, { type: "invest", x: 2 }, screen(s, a)), 1_000_100);
    s = must(s, lt, { kind: "forcePhaseEnd" }, 1_000_200);
    const vb = participantView(s, lt, b, 1_000_200)!.play!;
    expect(vb.phase).toBe("results");
    expect((vb.game as { results: { timedOut: boolean } }).results.timedOut).toBe(true);
  });
});

describe("defineGame", () => {
  it("refuses a phase whose id is not its key in phases, naming both (the engine goes by the key)", () => {
    const g = idsInvestment;
    const misnamed = { ...g, phases: { ...g.phases, decide: { ...g.phases.decide, id: "choose" } } };
    expect(() => defineGame(misnamed)).toThrow(/phase under "decide" in phases has id "choose"; give it id "decide"/);
    expect(defineGame(g)).toBe(g);
  });
});
