/**
 * Charts of the IDS game under the balanced Externality mechanism (eq. 10–13): the investments the
 * messages produce (x̂_i, the mean of everyone's proposals for user i) converging to the equilibrium
 * outcome x* (the social optimum, eq. 2), the distance ‖x̂ − x*‖ and the spread of the proposals, and
 * the budget Σ t̂_i, which the mechanism balances to zero.
 */
import { translatorFor } from "../i18n/translate";
import type { Chart, ChartInput, ChartSeries } from "./types";
import { byRound, meanPoint, num, numbers, playersOf, summary } from "./stats";

export function externalityMessagesChart(input: ChartInput): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  const users = [...new Set(numbers(playersOf(input.rounds), (p) => p.outcome.user_index))].sort((a, b) => a - b);
  const series: ChartSeries[] = [];
  for (const i of users) {
    const of = (rs: (typeof rounds)[number][1]) => playersOf(rs).filter((p) => num(p.outcome.user_index) === i);
    series.push({ name: t("charts.idsExternality.messages.played", { user: i + 1 }), role: "played", colorKey: `user ${i + 1}`, points: rounds.map(([r, rs]) => summary(r, numbers(of(rs), (p) => p.outcome.x))) });
    series.push({ name: t("charts.idsExternality.messages.theory", { user: i + 1 }), role: "theory", colorKey: `user ${i + 1}`, points: rounds.map(([r, rs]) => meanPoint(r, numbers(of(rs), (p) => p.outcome.so_x))) });
  }
  return {
    id: "ids-externality/messages",
    title: t("charts.idsExternality.messages.title"),
    description: t("charts.idsExternality.messages.description"),
    descriptionPlayed: t("charts.idsExternality.messages.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.idsExternality.messages.y") },
    spread: t("charts.spread.groups"),
    series,
  };
}

export function externalityDistanceChart(input: ChartInput): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "ids-externality/distance",
    title: t("charts.idsExternality.distance.title"),
    description: t("charts.idsExternality.distance.description"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.idsExternality.distance.y") },
    spread: t("charts.spread.groups"),
    series: [
      { name: t("charts.idsExternality.distance.distance"), role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.distance_to_eq))) },
      { name: t("charts.idsExternality.distance.spread"), role: "played", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.proposal_spread))) },
      { name: t("charts.idsExternality.distance.theory"), role: "theory", points: rounds.map(([r]) => ({ x: r, y: 0 })) },
    ],
  };
}

export function externalityBudgetChart(input: ChartInput): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "ids-externality/budget",
    title: t("charts.idsExternality.budget.title"),
    description: t("charts.idsExternality.budget.description"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.idsExternality.budget.y") },
    spread: t("charts.spread.groups"),
    series: [
      { name: t("charts.series.budget"), role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.budget))) },
      { name: t("charts.idsExternality.budget.theory"), role: "theory", points: rounds.map(([r]) => ({ x: r, y: 0 })) },
    ],
  };
}

export const idsExternalityCharts = (input: ChartInput): Chart[] => [externalityMessagesChart(input), externalityDistanceChart(input), externalityBudgetChart(input)];
