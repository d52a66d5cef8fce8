/**
 * Charts of the IDS game under the Pivotal (VCG) mechanism: participation and truthful-report rates
 * (report against the true type), taxes and the budget per round, each against the paper's benchmark
 * (everyone joins and reports truthfully: eq. 6 taxes, Prop. 2 voluntary participation), which the
 * round's records hold (outcome paper_tax, paper_vp; group paper_budget).
 */
import type { Chart, ChartInput } from "./types";
import { byRound, flags, meanPoint, numbers, playersOf, ratePoint, SPREAD_TEXT, summary } from "./stats";

export function pivotalRatesChart(input: ChartInput): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "ids-pivotal/rates",
    title: "Participation and truthful reports",
    description:
      "Share of users who joined the mechanism, and among them the share whose report equals their true type, per round; theory: voluntary participation at the truthful benchmark (Prop. 2) and truth-telling, a dominant strategy under VCG.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "share of users", share: true },
    series: [
      { name: "joined", role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (p) => p.decision.joined))) },
      {
        name: "reported truthfully",
        role: "played",
        points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs).filter((p) => p.decision.joined === true), (p) => (p.outcome.misreport === null ? undefined : !p.outcome.misreport)))),
      },
      { name: "theory: joins (VP)", role: "theory", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (p) => p.outcome.paper_vp))) },
      { name: "theory: truthful", role: "theory", points: rounds.map(([r]) => ({ x: r, y: 1 })) },
    ],
  };
}

export function pivotalTaxesChart(input: ChartInput): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "ids-pivotal/taxes",
    title: "Pivotal taxes per round",
    description: "Mean tax t_i of the users who joined (band: 10th–90th percentile; positive: pays) against the mean eq. 6 tax if everyone joined and reported truthfully.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "tax t_i" },
    spread: `${SPREAD_TEXT} over users who joined`,
    series: [
      { name: "tax paid", role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(playersOf(rs), (p) => p.outcome.tax))) },
      { name: "theory: truthful tax", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(playersOf(rs), (p) => p.outcome.paper_tax))) },
    ],
  };
}

export function pivotalBudgetChart(input: ChartInput): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "ids-pivotal/budget",
    title: "Budget per group",
    description: "Mean over groups of the budget Σ t_i per round (positive: surplus, negative: deficit the designer injects; band: 10th–90th percentile over groups) against the truthful benchmark's budget.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "budget Σ t_i" },
    spread: `${SPREAD_TEXT} over groups`,
    series: [
      { name: "budget", role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.budget))) },
      { name: "theory: truthful budget", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.paper_budget))) },
    ],
  };
}

export const idsPivotalCharts = (input: ChartInput): Chart[] => [pivotalRatesChart(input), pivotalTaxesChart(input), pivotalBudgetChart(input)];
