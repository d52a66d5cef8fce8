/**
 * Bot strategies for the multi-defender security game. Each acts on its own view plus the treatment's
 * parameters (which the server knows): the NSE-based bots read their coverage in the certified NSE of
 * the true game (memoised). Every bot acts in every phase of every mode, so bots never get stuck.
 */
import type { BotStrategy } from "../../core/game";
import type { Rng } from "../../core/rng";
import { trueGame } from "./benchmarks";
import { MIN_PAYOFF_GAP, PAYOFF_BOUND, type SsgParams } from "./params";
import type { PayoffReport, SsgAction } from "./state";
import type { SsgView } from "./views";

type SsgBot = BotStrategy<SsgParams, SsgView, SsgAction>;

interface Behaviour {
  join(v: SsgView, rng: Rng): boolean;
  report(v: SsgView, rng: Rng): PayoffReport;
  allocate(v: SsgView, rng: Rng, params: SsgParams): number[];
  /** null = follow the recommendation; else the coverage played instead. */
  change(v: SsgView, rng: Rng, params: SsgParams): number[] | null;
}

function act(b: Behaviour) {
  return (v: SsgView, { rng, params, phase }: { rng: Rng; params: SsgParams; phase: string }): SsgAction | null => {
    switch (phase) {
      case "join":
        return { type: "join", join: b.join(v, rng) };
      case "decide":
        return v.task === "report" ? { type: "report", ...b.report(v, rng) } : { type: "allocate", coverage: b.allocate(v, rng, params) };
      case "follow": {
        const c = b.change(v, rng, params);
        return c ? { type: "allocate", coverage: c } : { type: "follow" };
      }
      case "results":
        return { type: "continue" };
      default:
        return null;
    }
  };
}

const truth = (v: SsgView): PayoffReport => ({ reward: [...v.me.reward], penalty: [...v.me.penalty] });
const nseCoverage = (v: SsgView, p: SsgParams) => (trueGame(p).nse.defenderCoverage[v.me.index] ?? []).map((x) => Math.min(1, Math.max(0, x)));

/** A uniformly random point w ∈ [0,1]^m scaled down to at most k units (each entry stays ≤ 1). */
function randomCoverage(v: SsgView, rng: Rng): number[] {
  const w = v.targets.map(() => rng.next());
  const total = w.reduce((a, x) => a + x, 0);
  const scale = total > v.me.resources ? v.me.resources / total : 1;
  return w.map((x) => x * scale);
}

/**
 * The misreport: the reward on the favourite target (highest own reward, lowest index on ties) is raised
 * by the whole range of own payoffs (max reward − min penalty), capped at the payoff bound; the rest is true.
 */
export function exaggeratedReport(v: SsgView): PayoffReport {
  const r = truth(v);
  let fav = 0;
  r.reward.forEach((x, t) => {
    if (x > r.reward[fav]!) fav = t;
  });
  const range = Math.max(...r.reward) - Math.min(...r.penalty);
  r.reward[fav] = Math.min(PAYOFF_BOUND, r.reward[fav]! + range);
  return r;
}

const cooperative: Behaviour = {
  join: () => true,
  report: truth,
  allocate: (v, _rng, p) => nseCoverage(v, p),
  change: () => null,
};

export const ssgBots: Record<string, SsgBot> = {
  nse: {
    label: "NSE player",
    description:
      "Plays its coverage in the certified NSE of the true game whenever it allocates; stays out of the coordination in a join phase, reports truthfully when it must, and plays its NSE coverage instead of any recommendation.",
    act: act({ join: () => false, report: truth, allocate: (v, _r, p) => nseCoverage(v, p), change: (v, _r, p) => nseCoverage(v, p) }),
  },
  truthful: {
    label: "Truthful reporter",
    description: "Joins the coordination and reports its true payoffs; follows recommendations; plays its NSE coverage when it must allocate alone.",
    act: act(cooperative),
  },
  misreporter: {
    label: "Strategic misreporter",
    description:
      "Joins and exaggerates its reward on its favourite target (highest own reward) by its whole payoff range; otherwise reports the truth, follows recommendations and plays its NSE coverage when alone.",
    act: act({ ...cooperative, report: exaggeratedReport }),
  },
  follower: {
    label: "Recommendation follower",
    description: "Always follows its recommendation; joins, reports truthfully and plays its NSE coverage when alone (the same play as the truthful reporter, named for recommendation treatments).",
    act: act(cooperative),
  },
  random: {
    label: "Random",
    description:
      "Joins with probability ½; reports its payoffs with independent noise of ±¼ of each target's gap above the smallest allowed gap; allocates a uniformly random coverage scaled to its resources; follows with probability ½, else plays a random coverage.",
    act: act({
      join: (_v, rng) => rng.next() < 0.5,
      report: (v, rng) => {
        // noise on the gap above MIN_PAYOFF_GAP, so the noisy report keeps a gap the report check accepts
        const gap = v.me.reward.map((r, t) => Math.max(0, r - v.me.penalty[t]! - MIN_PAYOFF_GAP));
        return {
          // each side moves by at most ¼ of that, so reward − penalty stays ≥ MIN_PAYOFF_GAP; clamped to the bound
          reward: v.me.reward.map((r, t) => Math.min(PAYOFF_BOUND, r + (rng.next() - 0.5) * 0.5 * gap[t]!)),
          penalty: v.me.penalty.map((q, t) => Math.max(-PAYOFF_BOUND, q + (rng.next() - 0.5) * 0.5 * gap[t]!)),
        };
      },
      allocate: (v, rng) => randomCoverage(v, rng),
      change: (v, rng) => (rng.next() < 0.5 ? null : randomCoverage(v, rng)),
    }),
  },
};
