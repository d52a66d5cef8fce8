/**
 * CIP sessions at the parameter caps (6 types, 8 CIs) with bots, including the commands that make
 * Algorithm 1 resolve (exclusions, readmissions, menu redesign, signing). Used by caps.test.ts
 * (the sessions end correctly) and bench/cip-caps.ts (the slowest command, in ms). lib/ reads no clock:
 * the benchmark passes its own `time` wrapper.
 */
import { botMoves, nextWakeMs, reduce, type LoadedTreatment, type SessionState } from "../../engine";
import { newSession } from "../../testing/drive";
import { MAX_CIS, MAX_TYPES } from "./params";
import { loadCip } from "./testing";

export const K = MAX_TYPES;
export const N = MAX_CIS;
const types = Array.from({ length: K }, (_, k) => ({
  theta: Math.floor(k / 2) + 1,
  phi: (k % 2) * 0.5,
  probability: 1 / K,
  minResources: 20 + 40 * Math.floor(k / 2),
  rewardRate: 2 + k,
}));
const beliefs = Array.from({ length: N }, (_, i) => {
  const raw = Array.from({ length: K }, (_, k) => 1 + ((i * 7 + k * 3) % 5));
  const sum = raw.reduce((a, b) => a + b, 0);
  const p = raw.map((x) => Math.round((x / sum) * 1000) / 1000);
  p[K - 1] = Math.round((1 - p.slice(0, K - 1).reduce((a, b) => a + b, 0)) * 1000) / 1000;
  return p;
});

/** Measures one call: returns its result and how long it took (ms). */
export type Timer = <T>(fn: () => T) => { value: T; ms: number };
const untimed: Timer = (fn) => ({ value: fn(), ms: 0 });

/** Run a session with bots to its end; returns the slowest reduce() call (ms, by `time`) and the command count. */
export function slowest(lt: LoadedTreatment, seed: string, time: Timer = untimed): { max: number; commands: number } {
  let s: SessionState = newSession(lt, seed).state;
  let now = 0;
  let max = 0;
  let commands = 0;
  const timed = (cmd: Parameters<typeof reduce>[2]) => {
    const { value: r, ms } = time(() => reduce(s, lt, cmd, now));
    max = Math.max(max, ms);
    commands++;
    if (!r.ok) throw new Error(r.error.message);
    s = r.state;
  };
  for (let step = 0; step < 20_000 && s.status !== "ended"; step++) {
    const moves = botMoves(s, lt, now);
    now += 10;
    if (moves.length) for (const m of moves) timed({ kind: "action", pid: m.pid, clientActionId: m.clientActionId, action: m.action, byBot: true, at: m.at });
    else {
      now = Math.max(now, nextWakeMs(s, lt) ?? now);
      timed({ kind: "tick" });
    }
  }
  if (s.status !== "ended") throw new Error(`session did not end (status ${s.status})`);
  return { max, commands };
}

export const capVariants: [string, Record<string, unknown>][] = [
  ["continuous, slot, per-CI beliefs, scarce", { resources: 700 }],
  ["continuous, expected weighting", { resources: 900, weighting: "expected" }],
  ["integer, at most R", { resources: 900, integerResources: true }],
  ["continuous, at most R", { resources: 901, budget: "atMost" }],
  ["integer, population beliefs, large R", { resources: 1_000_003, integerResources: true, beliefs: "population", ciProbabilities: undefined }],
];

/** The treatment of one variant at the caps, with a mix of bot strategies. */
export function capsTreatment(over: Record<string, unknown>): LoadedTreatment {
  return loadCip(
    { types, cis: N, beliefs: "perCi", ciProbabilities: beliefs, rounds: 4, offerSeconds: 30, resultsSeconds: 5, ...over },
    { bots: { seats: Array.from({ length: N }, (_, i) => (i % 3 === 0 ? "truthful" : i % 3 === 1 ? "random" : "mimic")) } },
  );
}
