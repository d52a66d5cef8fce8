/**
 * Everything that depends only on the treatment's TRUE payoffs, computed once per instance and
 * memoised (validation, every round, every view and every bot read the same objects):
 * - the certified NSE (Definition 2.1) of the true game: the uncoordinated benchmark, the NSE bot's
 *   play, CSW-Max-NSE's status quo and the fallback plan;
 * - CSW-Max (§4.1) on the true payoffs: the welfare benchmark the monitor compares every round with;
 * - the treatment's mechanism on the true payoffs (the plan of recommendation treatments without reports);
 * - the independent play of the NSE as a joint distribution (the fallback plan of recommendations).
 */
import {
  cswMax,
  jointFromProfile,
  trySolveNse,
  welfare,
  type CswMaxOutcome,
  type JointAllocation,
  type Nse,
  type SsgInstance,
} from "../../mechanisms/ssg";
import { runMechanism, type MechanismPlan } from "./coordination";
import type { SsgParams } from "./params";

export interface TrueGame {
  instance: SsgInstance;
  nse: Nse;
  nseWelfare: number;
  cswMax: CswMaxOutcome;
}

type TrueGameInput = Pick<SsgParams, "attacker" | "defenders">;
type Checked = { ok: true; game: TrueGame } | { ok: false; path: (string | number)[]; message: string };

const MAX_CACHE = 64;
const games = new Map<string, Checked>();
const plans = new Map<string, ({ ok: true } & MechanismPlan) | { ok: false; error: string }>();
const joints = new Map<string, JointAllocation[]>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const v = make();
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, v);
  return v;
}

/** The memoised solves as plain data (structured-clone safe), to move them between threads. */
export interface SsgSolveMemo {
  readonly games: [string, Checked][];
  readonly plans: [string, ({ ok: true } & MechanismPlan) | { ok: false; error: string }][];
  readonly joints: [string, JointAllocation[]][];
}

/** Everything solved so far (e.g. by a worker thread that validated a treatment). */
export function solveMemo(): SsgSolveMemo {
  return { games: [...games], plans: [...plans], joints: [...joints] };
}

/** Add solves computed elsewhere (same code, same inputs, so the same values); existing entries win. */
export function restoreSolveMemo(memo: SsgSolveMemo): void {
  for (const [k, v] of memo.games) remember(games, k, () => v);
  for (const [k, v] of memo.plans) remember(plans, k, () => v);
  for (const [k, v] of memo.joints) remember(joints, k, () => v);
}

/** Forget every memoised solve (tests compare a fresh synchronous path with a restored one). */
export function clearSolveMemo(): void {
  games.clear();
  plans.clear();
  joints.clear();
}

/** Structural check of a memo received from another thread (three lists of [key, value] pairs). */
export function isSsgSolveMemo(x: unknown): x is SsgSolveMemo {
  if (typeof x !== "object" || x === null) return false;
  const pairs = (v: unknown) => Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === "string" && typeof e[1] === "object" && e[1] !== null);
  return "games" in x && "plans" in x && "joints" in x && pairs(x.games) && pairs(x.plans) && pairs(x.joints);
}

const keyOf = (p: TrueGameInput) => JSON.stringify([p.attacker.reward, p.attacker.penalty, p.defenders.map((d) => [d.resources, d.reward, d.penalty])]);

function check(p: TrueGameInput): Checked {
  return remember(games, keyOf(p), () => {
    const instance: SsgInstance = { attacker: p.attacker, defenders: p.defenders };
    const r = trySolveNse(instance);
    if (!r.ok)
      return {
        ok: false,
        path: ["defenders"],
        message:
          "no certified NSE (Nash Stackelberg equilibrium, Definition 2.1) was found for these payoffs, so the " +
          "uncoordinated benchmark is unknown and no session may run on them; change the payoffs or resources " +
          `(docs/games/ssg-defense.md, "Validation"). Solver: ${r.error}`,
      };
    try {
      const cm = cswMax(instance, r.nse);
      return { ok: true, game: { instance, nse: r.nse, nseWelfare: welfare(instance, r.nse.coverage, r.nse.target), cswMax: cm } };
    } catch (e) {
      return { ok: false, path: ["defenders"], message: `CSW-Max fails on the true payoffs: ${(e as Error).message}` };
    }
  });
}

/** The memoised true game. Validation guarantees it exists for any parsed treatment. */
export function trueGame(p: TrueGameInput): TrueGame {
  const c = check(p);
  if (!c.ok) throw new Error(c.message);
  return c.game;
}

type PlanInput = TrueGameInput & Pick<SsgParams, "mechanism" | "dictator">;

/** The treatment's mechanism run on the true payoffs (memoised). */
export function truthPlan(p: PlanInput) {
  const key = `${keyOf(p)}|${p.mechanism}|${p.dictator ?? ""}`;
  return remember(plans, key, () => {
    const g = trueGame(p);
    return runMechanism(p.mechanism, g.instance, { statusQuo: g.nse, ...(p.dictator !== undefined ? { dictator: p.dictator } : {}) });
  });
}

/** Independent play of the true NSE as a joint distribution (jointFromProfile, memoised). */
export function nseJoint(p: TrueGameInput): JointAllocation[] {
  return remember(joints, keyOf(p), () => {
    const g = trueGame(p);
    return jointFromProfile(g.instance, g.nse);
  });
}

/**
 * Validation of a structurally valid treatment: the true game must have a certified NSE and CSW-Max
 * must run on it; a treatment with a mechanism must have that mechanism run on the true payoffs.
 * Returns the problem (with the params path to blame) or null.
 */
export function checkTrueGame(p: PlanInput & Pick<SsgParams, "mode">): { path: (string | number)[]; message: string } | null {
  const c = check(p);
  if (!c.ok) return { path: c.path, message: c.message };
  if (p.mode === "uncoordinated") return null;
  const plan = truthPlan(p);
  if (!plan.ok) return { path: ["mechanism"], message: `${p.mechanism} fails on the true payoffs: ${plan.error}` };
  return null;
}
