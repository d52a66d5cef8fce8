/**
 * Charts of the unregulated IDS game (Naghizadeh & Liu): investments per round against the Nash
 * equilibrium and the social optimum x* (eq. 2), and the group's total cost against the optimum.
 * The theory comes from the round's own records (outcome nash_x, so_x; group nash_cost, so_cost),
 * which the mechanism computed for exactly the instance played.
 */
import type { Chart, ChartInput } from "./types";
import { byRound, histogram, meanPoint, numbers, playersOf, SPREAD_TEXT, summary } from "./stats";

/** Bins of the investment histogram over [0, x_max]. */
export const INVESTMENT_BINS = 10;

export function investmentChart(input: ChartInput): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "ids-investment/investment",
    title: "Investment per round",
    description: "Mean security investment x_i of all participants per round (band: 10th–90th percentile) against the mean of the same users' Nash and social-optimum investments.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "investment x" },
    spread: `${SPREAD_TEXT} over participants`,
    series: [
      { name: "played", role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(playersOf(rs), (p) => p.decision.x))) },
      { name: "Nash equilibrium", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(playersOf(rs), (p) => p.outcome.nash_x))) },
      { name: "social optimum", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(playersOf(rs), (p) => p.outcome.so_x))) },
    ],
  };
}

export function totalCostChart(input: ChartInput): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "ids-investment/total-cost",
    title: "Total cost per group",
    description: "Mean over groups of the group's total cost Σ g_i per round (band: 10th–90th percentile over groups) against the cost at the social optimum and at the Nash equilibrium.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "total cost Σ g_i" },
    spread: `${SPREAD_TEXT} over groups`,
    series: [
      { name: "played", role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.total_cost))) },
      { name: "Nash equilibrium", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.nash_cost))) },
      { name: "social optimum", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.so_cost))) },
    ],
  };
}

/**
 * The distribution of the latest completed round's investments over [0, x_max] (the share of
 * participants per bin) against the distribution of the same users' Nash and social-optimum investments.
 */
export function investmentHistogramChart(input: ChartInput<{ xMax: number }>): Chart {
  const rounds = byRound(input.rounds);
  const last = rounds[rounds.length - 1];
  const players = last ? playersOf(last[1]) : [];
  const h = (values: number[]) => histogram(values, 0, input.params.xMax, INVESTMENT_BINS);
  const played = h(numbers(players, (p) => p.decision.x));
  return {
    id: "ids-investment/investment-histogram",
    title: last ? `Investments in round ${last[0]}` : "Investments in the latest round",
    description: "Share of participants whose investment falls in each tenth of [0, x_max] in the latest completed round, against where the same users' Nash and social-optimum investments fall.",
    kind: "categories",
    x: { title: "investment x", categories: played.map((b) => b.label) },
    y: { title: "share of participants", share: true },
    series: [
      { name: "played", role: "played", points: last ? played.map((b) => ({ x: b.label, y: b.share, n: b.n })) : [] },
      { name: "Nash equilibrium", role: "theory", points: last ? h(numbers(players, (p) => p.outcome.nash_x)).map((b) => ({ x: b.label, y: b.share, n: b.n })) : [] },
      { name: "social optimum", role: "theory", points: last ? h(numbers(players, (p) => p.outcome.so_x)).map((b) => ({ x: b.label, y: b.share, n: b.n })) : [] },
    ],
  };
}

export const idsInvestmentCharts = (input: ChartInput<{ xMax: number }>): Chart[] => [investmentChart(input), totalCostChart(input), investmentHistogramChart(input)];
