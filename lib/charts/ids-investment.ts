/**
 * Charts of the unregulated IDS game (Naghizadeh & Liu): investments per round against the Nash
 * equilibrium and the social optimum x* (eq. 2), and the group's total cost against the optimum.
 * The theory comes from the round's own records (outcome nash_x, so_x; group nash_cost, so_cost),
 * which the mechanism computed for exactly the instance played.
 */
import { translatorFor } from "../i18n/translate";
import type { Chart, ChartInput } from "./types";
import { byRound, decimalSeparator, histogram, meanPoint, numbers, playersOf, summary } from "./stats";

/** Bins of the investment histogram over [0, x_max]. */
export const INVESTMENT_BINS = 10;

export function investmentChart(input: ChartInput): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "ids-investment/investment",
    title: t("charts.idsInvestment.investment.title"),
    description: t("charts.idsInvestment.investment.description"),
    descriptionPlayed: t("charts.idsInvestment.investment.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.idsInvestment.investment.y") },
    spread: t("charts.spread.participants"),
    series: [
      { name: t("charts.series.played"), role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(playersOf(rs), (p) => p.decision.x))) },
      { name: t("charts.series.nash"), role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(playersOf(rs), (p) => p.outcome.nash_x))) },
      { name: t("charts.series.socialOptimum"), role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(playersOf(rs), (p) => p.outcome.so_x))) },
    ],
  };
}

export function totalCostChart(input: ChartInput): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "ids-investment/total-cost",
    title: t("charts.idsInvestment.totalCost.title"),
    description: t("charts.idsInvestment.totalCost.description"),
    descriptionPlayed: t("charts.idsInvestment.totalCost.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.idsInvestment.totalCost.y") },
    spread: t("charts.spread.groups"),
    series: [
      { name: t("charts.series.played"), role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.total_cost))) },
      { name: t("charts.series.nash"), role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.nash_cost))) },
      { name: t("charts.series.socialOptimum"), role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.so_cost))) },
    ],
  };
}

/**
 * The distribution of the latest completed round's investments over [0, x_max] (the share of
 * participants per bin) against the distribution of the same users' Nash and social-optimum investments.
 */
export function investmentHistogramChart(input: ChartInput<{ xMax: number }>): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  const last = rounds[rounds.length - 1];
  const players = last ? playersOf(last[1]) : [];
  const decimal = decimalSeparator(input.locale ?? "en");
  const h = (values: number[]) => histogram(values, 0, input.params.xMax, INVESTMENT_BINS, decimal);
  const played = h(numbers(players, (p) => p.decision.x));
  return {
    id: "ids-investment/investment-histogram",
    title: last ? t("charts.idsInvestment.histogram.title", { round: last[0] }) : t("charts.idsInvestment.histogram.titleNoRound"),
    description: t("charts.idsInvestment.histogram.description"),
    descriptionPlayed: t("charts.idsInvestment.histogram.descriptionPlayed"),
    kind: "categories",
    x: { title: t("charts.idsInvestment.histogram.x"), categories: played.map((b) => b.label) },
    y: { title: t("charts.idsInvestment.histogram.y"), share: true },
    series: [
      { name: t("charts.series.played"), role: "played", points: last ? played.map((b) => ({ x: b.label, y: b.share, n: b.n })) : [] },
      { name: t("charts.series.nash"), role: "theory", points: last ? h(numbers(players, (p) => p.outcome.nash_x)).map((b) => ({ x: b.label, y: b.share, n: b.n })) : [] },
      { name: t("charts.series.socialOptimum"), role: "theory", points: last ? h(numbers(players, (p) => p.outcome.so_x)).map((b) => ({ x: b.label, y: b.share, n: b.n })) : [] },
    ],
  };
}

export const idsInvestmentCharts = (input: ChartInput<{ xMax: number }>): Chart[] => [investmentChart(input), totalCostChart(input), investmentHistogramChart(input)];
