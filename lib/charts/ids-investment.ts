/**
 * Charts of the unregulated IDS game (Naghizadeh & Liu): investments per round against the Nash
 * equilibrium and the social optimum x* (eq. 2), and the group's total cost against the optimum.
 * The theory comes from the round's own records (outcome nash_x, so_x; group nash_cost, so_cost),
 * which the mechanism computed for exactly the instance played.
 */
import type { Chart, ChartInput } from "./types";
import { byRound, meanPoint, numbers, playersOf, SPREAD_TEXT, summary } from "./stats";

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

export const idsInvestmentCharts = (input: ChartInput): Chart[] => [investmentChart(input), totalCostChart(input)];
