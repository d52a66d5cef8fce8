/**
 * Charts of the multi-defender security game (Gan et al.): combined coverage per target against the
 * certified NSE (Definition 2.1) and CSW-Max (§4.1) of the true game, the attacked target, welfare
 * against CSW-Max per round, and the recommendation follow rate (with truthful reports and joining
 * where the treatment has them). The benchmarks are the memoised solves of the treatment's true
 * payoffs (lib/games/ssg-defense/benchmarks.ts), the same the rounds record (group welfare_nse,
 * welfare_cswmax).
 */
import { trueGame } from "../games/ssg-defense/benchmarks";
import { hasReports, targetNames, type SsgParams } from "../games/ssg-defense/params";
import type { Chart, ChartInput, ChartSeries } from "./types";
import { byRound, flags, meanPoint, numberArray, numbers, playersOf, ratePoint, SPREAD_TEXT, summary } from "./stats";

type In = ChartInput<SsgParams>;

export function ssgCoverageChart(input: In): Chart {
  const names = targetNames(input.params);
  const tg = trueGame(input.params);
  const rounds = byRound(input.rounds);
  const last = rounds[rounds.length - 1];
  const covs = (last?.[1] ?? []).map((g) => numberArray(g.group.coverage)).filter((c): c is number[] => c !== null);
  return {
    id: "ssg-defense/coverage",
    title: last ? `Coverage per target, round ${last[0]}` : "Coverage per target",
    description:
      "Combined coverage of each target in the latest completed round, mean over groups (band: 10th–90th percentile over groups), against the coverage of the NSE (no coordination) and of CSW-Max on the true payoffs.",
    kind: "categories",
    x: { title: "target", categories: names },
    y: { title: "coverage", share: true },
    spread: `${SPREAD_TEXT} over groups`,
    series: [
      { name: "played", role: "played", points: last ? names.map((n, t) => summary(n, covs.map((c) => c[t] ?? 0))) : [] },
      { name: "NSE", role: "theory", points: names.map((n, t) => ({ x: n, y: tg.nse.coverage[t] ?? null })) },
      { name: "CSW-Max", role: "theory", points: names.map((n, t) => ({ x: n, y: tg.cswMax.coverage[t] ?? null })) },
    ],
  };
}

export function ssgAttackedChart(input: In): Chart {
  const names = targetNames(input.params);
  const tg = trueGame(input.params);
  const attacked = numbers(input.rounds, (g) => g.group.attacked_target);
  const share = (t: number) => (attacked.length === 0 ? null : attacked.filter((a) => a === t).length / attacked.length);
  return {
    id: "ssg-defense/attacked",
    title: "Attacked target",
    description: "Share of all completed group rounds in which the attacker attacked each target, against the target attacked at the NSE and under CSW-Max (1 there, 0 elsewhere).",
    kind: "categories",
    x: { title: "target", categories: names },
    y: { title: "share of group rounds", share: true },
    series: [
      { name: "attacked", role: "played", points: names.map((n, t) => ({ x: n, y: share(t), n: attacked.length })) },
      { name: "NSE", role: "theory", points: names.map((n, t) => ({ x: n, y: tg.nse.target === t ? 1 : 0 })) },
      { name: "CSW-Max", role: "theory", points: names.map((n, t) => ({ x: n, y: tg.cswMax.target === t ? 1 : 0 })) },
    ],
  };
}

export function ssgWelfareChart(input: In): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "ssg-defense/welfare",
    title: "Welfare per round",
    description: "Mean over groups of the defenders' welfare Σ_i U_i (true payoffs, expected) per round (band: 10th–90th percentile over groups) against the welfare of CSW-Max and of the NSE.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "welfare Σ U_i" },
    spread: `${SPREAD_TEXT} over groups`,
    series: [
      { name: "played", role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.welfare))) },
      { name: "CSW-Max", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.welfare_cswmax))) },
      { name: "NSE", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.welfare_nse))) },
    ],
  };
}

/** Recommendation follow rate (recommendation mode), truthful reports and joining where the treatment has them; null in uncoordinated play. */
export function ssgComplianceChart(input: In): Chart | null {
  const p = input.params;
  const recommend = p.mode === "recommendation";
  const reports = hasReports(p);
  if (!recommend && !reports && !p.joinPhase) return null;
  const rounds = byRound(input.rounds);
  const series: ChartSeries[] = [];
  if (recommend) {
    series.push({ name: "followed recommendation", role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (x) => x.decision.followed))) });
    series.push({
      name: "theory: follow (plan individually rational)",
      role: "theory",
      points: rounds.map(([r, rs]) => ratePoint(r, flags(rs, (g) => g.group.rec_ir))),
    });
  }
  if (reports) series.push({ name: "reported truthfully", role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (x) => x.decision.report_truthful))) });
  if (p.joinPhase) series.push({ name: "joined the coordination", role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (x) => x.decision.joined))) });
  return {
    id: "ssg-defense/compliance",
    title: recommend ? "Recommendation follow rate" : "Truthful reports and joining",
    description: recommend
      ? "Share of defenders who played exactly their private recommendation per round, against the share of groups whose recommendation plan is individually rational on the true payoffs (§5, Property 4), where following is a best response."
      : "Share of defenders who reported their true payoffs (and who joined the coordination, where there is a join phase) per round.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "share of defenders", share: true },
    series,
  };
}

export function ssgDefenseCharts(input: In): Chart[] {
  const c = ssgComplianceChart(input);
  return [ssgCoverageChart(input), ssgAttackedChart(input), ssgWelfareChart(input), ...(c ? [c] : [])];
}

