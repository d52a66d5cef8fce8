/**
 * Charts of the IDS game under the balanced Externality mechanism (eq. 10–13): the investments the
 * messages produce (x̂_i, the mean of everyone's proposals for user i) converging to the equilibrium
 * outcome x* (the social optimum, eq. 2), the distance ‖x̂ − x*‖ and the spread of the proposals, and
 * the budget Σ t̂_i, which the mechanism balances to zero.
 */
import type { Chart, ChartInput, ChartSeries } from "./types";
import { byRound, meanPoint, num, numbers, playersOf, SPREAD_TEXT, summary } from "./stats";

export function externalityMessagesChart(input: ChartInput): Chart {
  const rounds = byRound(input.rounds);
  const users = [...new Set(numbers(playersOf(input.rounds), (p) => p.outcome.user_index))].sort((a, b) => a - b);
  const series: ChartSeries[] = [];
  for (const i of users) {
    const of = (rs: (typeof rounds)[number][1]) => playersOf(rs).filter((p) => num(p.outcome.user_index) === i);
    series.push({ name: `user ${i + 1}: x̂`, role: "played", colorKey: `user ${i + 1}`, points: rounds.map(([r, rs]) => summary(r, numbers(of(rs), (p) => p.outcome.x))) });
    series.push({ name: `user ${i + 1}: equilibrium`, role: "theory", colorKey: `user ${i + 1}`, points: rounds.map(([r, rs]) => meanPoint(r, numbers(of(rs), (p) => p.outcome.so_x))) });
  }
  return {
    id: "ids-externality/messages",
    title: "Messages converging to the equilibrium",
    description:
      "Per user: the investment x̂_i the messages produce (mean of all proposals for user i, eq. 10), averaged over groups per round (band: 10th–90th percentile over groups), against the equilibrium investment x*_i.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "investment x̂_i" },
    spread: `${SPREAD_TEXT} over groups`,
    series,
  };
}

export function externalityDistanceChart(input: ChartInput): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "ids-externality/distance",
    title: "Distance to the equilibrium",
    description: "Mean over groups of ‖x̂ − x*‖ per round (band: 10th–90th percentile over groups) and of the proposals' spread max_i ‖x_i − x̂‖; both are 0 at the equilibrium.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "distance" },
    spread: `${SPREAD_TEXT} over groups`,
    series: [
      { name: "‖x̂ − x*‖", role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.distance_to_eq))) },
      { name: "proposal spread", role: "played", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.proposal_spread))) },
      { name: "equilibrium", role: "theory", points: rounds.map(([r]) => ({ x: r, y: 0 })) },
    ],
  };
}

export function externalityBudgetChart(input: ChartInput): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "ids-externality/budget",
    title: "Budget per group",
    description: "Mean over groups of the budget Σ t̂_i per round (band: 10th–90th percentile over groups); the mechanism balances it to zero.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "budget Σ t̂_i" },
    spread: `${SPREAD_TEXT} over groups`,
    series: [
      { name: "budget", role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.budget))) },
      { name: "theory: balanced", role: "theory", points: rounds.map(([r]) => ({ x: r, y: 0 })) },
    ],
  };
}

export const idsExternalityCharts = (input: ChartInput): Chart[] => [externalityMessagesChart(input), externalityDistanceChart(input), externalityBudgetChart(input)];
