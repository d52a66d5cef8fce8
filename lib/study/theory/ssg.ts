/**
 * Launch-check theory of the multi-defender security game (Gan et al. 2020; docs/papers/ssg.md): the
 * outcome of every §4 mechanism on the TRUE payoffs with every defender taking part, computed by the
 * mechanism core — the certified NSE (Definition 2.1, no coordination), CSW-Max (§4.1), CSW-Max-NSE
 * (§4.2, the NSE as status quo) and dictatorship (§4, the treatment's dictator or the default one) —
 * with coverage per target, welfare, each defender's utility and the attacked target. Two mechanisms
 * with the same outcome on this instance cannot be told apart by a session on it: that is a warning.
 * Recommendation treatments add the individual-rationality check of the plan (§5).
 */
import { cswMaxNse, defaultDictator, dictatorship, isNonOverlapping, type SsgInstance } from "../../mechanisms/ssg";
import { trueGame, truthPlan } from "../../games/ssg-defense/benchmarks";
import { MECHANISM_LABEL, type MechanismKind } from "../../games/ssg-defense/coordination";
import { irVerdict, nsePlayScored, recommendationIr } from "../../games/ssg-defense/ir-check";
import { targetNames, type SsgParams } from "../../games/ssg-defense/params";
import type { Scalar } from "../../core/game";
import { readable, type LaunchSection, type Theory } from "./section";

/** One mechanism's outcome on the true payoffs, or why it failed. */
export interface SsgPrediction {
  key: "nse" | MechanismKind;
  label: string;
  outcome: { coverage: number[]; target: number; defenderUtilities: number[]; welfare: number } | null;
  error: string | null;
}

const pct = (v: number | undefined): Scalar => (v === undefined ? null : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/** Coverage equal up to this (coverage is a probability); utilities up to this times the payoff scale. */
const SAME = 1e-6;

function attempt(key: SsgPrediction["key"], label: string, run: () => SsgPrediction["outcome"]): SsgPrediction {
  try {
    return { key, label, outcome: run(), error: null };
  } catch (e) {
    return { key, label, outcome: null, error: (e as Error).message };
  }
}

/** NSE, CSW-Max, CSW-Max-NSE and dictatorship on the true payoffs (cores in lib/mechanisms/ssg). */
export function ssgPredictions(p: SsgParams): { instance: SsgInstance; dictator: number; theorem43: boolean | null; predictions: SsgPrediction[] } {
  const tg = trueGame(p);
  const g = tg.instance;
  const dictator = p.dictator ?? defaultDictator(g);
  let theorem43: boolean | null = null;
  const predictions = [
    attempt("nse", "NSE (no coordination)", () => ({ coverage: tg.nse.coverage, target: tg.nse.target, defenderUtilities: tg.nse.defenderUtilities, welfare: tg.nseWelfare })),
    attempt("cswMax", MECHANISM_LABEL.cswMax, () => tg.cswMax),
    attempt("cswMaxNse", MECHANISM_LABEL.cswMaxNse, () => {
      const o = cswMaxNse(g, tg.nse);
      theorem43 = o.theorem43Applies;
      return o;
    }),
    attempt("dictatorship", `${MECHANISM_LABEL.dictatorship} (defender ${dictator + 1})`, () => dictatorship(g, dictator)),
  ];
  return { instance: g, dictator, theorem43, predictions };
}

/** Same attacked target and the same coverage everywhere (a) or the same utility for every defender (b). */
function relation(g: SsgInstance, a: SsgPrediction, b: SsgPrediction): "outcome" | "utilities" | null {
  if (!a.outcome || !b.outcome || a.outcome.target !== b.outcome.target) return null;
  const scale = Math.max(1, ...g.defenders.flatMap((d) => [...d.reward, ...d.penalty].map(Math.abs)));
  if (a.outcome.coverage.every((c, k) => Math.abs(c - (b.outcome!.coverage[k] ?? NaN)) <= SAME)) return "outcome";
  if (a.outcome.defenderUtilities.every((u, k) => Math.abs(u - (b.outcome!.defenderUtilities[k] ?? NaN)) <= SAME * scale)) return "utilities";
  return null;
}

const listing = (labels: readonly string[]) => (labels.length <= 2 ? labels.join(" and ") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`);

/**
 * Groups of predictions a session on this instance cannot tell apart: the same outcome (same attacked
 * target and coverage), or, weaker, every defender's expected utility the same. One warning per group.
 */
export function indistinguishable(g: SsgInstance, preds: readonly SsgPrediction[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (const kind of ["outcome", "utilities"] as const) {
    const grouped = new Set<number>();
    preds.forEach((a, i) => {
      if (grouped.has(i)) return;
      const group = preds.flatMap((b, j) => (j > i && !grouped.has(j) && relation(g, a, b) === kind ? [j] : []));
      if (group.length === 0) return;
      for (const j of [i, ...group]) grouped.add(j);
      const labels = [a, ...group.map((j) => preds[j]!)].map((x) => x.label);
      const t = names[a.outcome!.target] ?? String(a.outcome!.target);
      out.push(
        kind === "outcome"
          ? `${listing(labels)} give the same outcome here (the same coverage, target ${t} attacked, welfare ${readable(a.outcome!.welfare)}): this instance cannot tell them apart.`
          : `${listing(labels)} give every defender the same expected utility here (target ${t} attacked, welfare ${readable(a.outcome!.welfare)}; only the coverage of targets that are not attacked differs): this instance can hardly tell them apart.`,
      );
    });
  }
  return out;
}

/** The first pair of targets on which a defender's payoffs overlap (Definition 3.1), if any. */
function overlappingPair(d: { readonly reward: readonly number[]; readonly penalty: readonly number[] }): [number, number] | null {
  for (let t = 0; t < d.reward.length; t++)
    for (let s = t + 1; s < d.reward.length; s++) if (!(d.reward[t]! < d.penalty[s]! || d.reward[s]! < d.penalty[t]!)) return [t, s];
  return null;
}

/**
 * Theorem 4.3's verdict with its reason: "no" names the defenders whose payoffs overlap (with a pair of
 * targets) and the targets the NSE covers not at all or fully; the hint states the theorem's conditions,
 * marked as such, so that it cannot read as the reason for the verdict.
 */
export function theorem43Verdict(applies: boolean, g: SsgInstance, nseCoverage: readonly number[], names: readonly string[]): { value: string; hint: string } {
  const hint = "the theorem needs: every defender has non-overlapping payoffs (Definition 3.1: for any two targets, one's reward is below the other's penalty) and 0 < cov_t(X) < 1 at the NSE for every target t";
  if (applies) return { value: "yes: every defender's payoffs are non-overlapping and the NSE covers every target with a probability strictly between 0 and 1", hint };
  const name = (t: number) => names[t] ?? String(t);
  const reasons: string[] = [];
  const overlap = g.defenders.flatMap((d, i) => {
    const pair = isNonOverlapping(d) ? null : overlappingPair(d);
    return pair ? [`defender ${i + 1} (${name(pair[0])} and ${name(pair[1])})`] : [];
  });
  if (overlap.length) reasons.push(`overlapping payoffs for ${listing(overlap)}`);
  const zero = nseCoverage.flatMap((c, t) => (c <= 0 ? [name(t)] : []));
  const full = nseCoverage.flatMap((c, t) => (c >= 1 ? [name(t)] : []));
  if (zero.length) reasons.push(`the NSE leaves ${listing(zero)} uncovered`);
  if (full.length) reasons.push(`the NSE covers ${listing(full)} fully`);
  return { value: `no: ${reasons.length ? reasons.join("; ") : "the NSE could not be verified as the status quo"}`, hint };
}

/**
 * Recommendation mode scores a changed recommendation as a modification of the plan (Definition 5.1,
 * docs/games/ssg-defense.md §3.4), not as independent play: the warning says so, with what it does to
 * defenders who play their NSE coverage whatever they are told (the default `nse` bot), on this instance.
 */
export function recommendationScoringWarning(p: SsgParams, predictions: readonly SsgPrediction[]): string {
  const plan = truthPlan(p);
  const nse = predictions.find((x) => x.key === "nse")?.outcome;
  const follow = predictions.find((x) => x.key === p.mechanism)?.outcome;
  const rule =
    "Recommendation mode scores a changed recommendation as a modification of the plan, not as independent play (Definition 5.1, docs/games/ssg-defense.md §3.4): " +
    "a defender told s who plays d is taken to play d whenever she is told s and to follow every other recommendation, the attacker faces that modified plan, and her expected payoff (what she is paid with pay: expected) is computed on it.";
  if (!plan.ok || !nse || !follow) return rule;
  const dev = nsePlayScored(p, plan);
  return (
    `${rule} So playing one's own NSE coverage does not give the NSE here: if every defender played her NSE coverage whatever she is told, ` +
    `expected welfare would be ${readable(dev.welfare)} (defenders: ${dev.utilities.map((u) => readable(u)).join(", ")}), against ${readable(nse.welfare)} at the NSE without coordination and ${readable(follow.welfare)} when everyone follows. ` +
    'The default "nse" bot plays exactly that: pilot with --bot follower (or name bots in bots.seats) unless you want to see it, and tell participants in the instructions how a change is judged.'
  );
}

export function ssgTheory(p: SsgParams): Theory {
  const names = targetNames(p);
  const { instance, dictator, theorem43, predictions } = ssgPredictions(p);
  const mine: SsgPrediction["key"] = p.mode === "uncoordinated" ? "nse" : p.mechanism;
  const label = (x: SsgPrediction) => (x.key === mine ? `${x.label} ← this treatment` : x.label);
  const played = predictions.find((x) => x.key === mine);
  const metrics: LaunchSection["metrics"] = [
    { label: "This treatment", value: p.mode === "uncoordinated" ? "uncoordinated: the NSE is the prediction" : `${p.mode} with ${MECHANISM_LABEL[p.mechanism]}` },
    {
      label: "Predicted welfare / attacked target",
      value: played?.outcome ? `${readable(played.outcome.welfare)} / ${names[played.outcome.target]}` : (played?.error ?? null),
      hint: "Σ_i U_i(c, t) with the true payoffs",
    },
    { label: "Dictator (dictatorship)", value: `defender ${dictator + 1}`, hint: p.dictator === undefined ? "default: most resources, lowest index" : "set by the treatment" },
  ];
  const nse = predictions[0]!.outcome;
  if (theorem43 !== null && nse) metrics.push({ label: "CSW-Max-NSE strategy-proof here (Theorem 4.3)", ...theorem43Verdict(theorem43, instance, nse.coverage, names) });
  if (p.mode === "recommendation") {
    const plan = truthPlan(p);
    if (plan.ok) metrics.push({ label: "Recommendation individually rational (§5)", ...irVerdict(recommendationIr(p, plan), readable) });
  }
  const ok = predictions.filter((x) => x.outcome);
  const section: LaunchSection = {
    id: "ssg-mechanisms",
    title: "Coverage, welfare and attacked target under each mechanism",
    note: `On the true payoffs, every defender taking part${p.joinPhase ? " (everyone joins)" : ""} and reporting truthfully.`,
    metrics,
    tables: [
      {
        title: "Outcomes",
        columns: ["mechanism", "welfare", "attacked target", ...p.defenders.map((_, i) => `U defender ${i + 1}`)],
        rows: predictions.map((x) =>
          x.outcome
            ? [label(x), x.outcome.welfare, names[x.outcome.target] ?? x.outcome.target, ...x.outcome.defenderUtilities]
            : [label(x), null, `failed: ${x.error}`, ...p.defenders.map(() => null)],
        ),
      },
      {
        title: "Coverage by target",
        columns: ["target", "attacker r / p", ...ok.map((x) => x.label)],
        rows: names.map((n, t) => [n, `${p.attacker.reward[t]} / ${p.attacker.penalty[t]}`, ...ok.map((x) => pct(x.outcome!.coverage[t]))]),
      },
    ],
  };
  const warnings = indistinguishable(instance, predictions, names);
  if (p.mode === "recommendation") warnings.push(recommendationScoringWarning(p, predictions));
  for (const x of predictions) if (x.error) warnings.push(`${x.label} fails on the true payoffs: ${x.error}`);
  return { sections: [section], warnings };
}
