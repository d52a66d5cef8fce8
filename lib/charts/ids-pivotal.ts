/**
 * Charts of the IDS game under the Pivotal (VCG) mechanism: participation and truthful-report rates
 * (report against the true type), taxes and the budget per round, each against the paper's benchmark
 * (everyone joins and reports truthfully: eq. 6 taxes, Prop. 2 voluntary participation), which the
 * round's records hold (outcome paper_tax, paper_vp; group paper_budget).
 */
import { translatorFor } from "../i18n/translate";
import type { Chart, ChartInput } from "./types";
import { byRound, flags, meanPoint, numbers, playersOf, ratePoint, summary } from "./stats";

export function pivotalRatesChart(input: ChartInput): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "ids-pivotal/rates",
    title: t("charts.idsPivotal.rates.title"),
    description: t("charts.idsPivotal.rates.description"),
    descriptionPlayed: t("charts.idsPivotal.rates.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.idsPivotal.rates.y"), share: true },
    series: [
      { name: t("charts.idsPivotal.rates.joined"), role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (p) => p.decision.joined))) },
      {
        name: t("charts.idsPivotal.rates.truthful"),
        role: "played",
        points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs).filter((p) => p.decision.joined === true), (p) => (p.outcome.misreport === null ? undefined : !p.outcome.misreport)))),
      },
      { name: t("charts.idsPivotal.rates.theoryJoins"), role: "theory", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (p) => p.outcome.paper_vp))) },
      { name: t("charts.idsPivotal.rates.theoryTruthful"), role: "theory", points: rounds.map(([r]) => ({ x: r, y: 1 })) },
    ],
  };
}

export function pivotalTaxesChart(input: ChartInput): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "ids-pivotal/taxes",
    title: t("charts.idsPivotal.taxes.title"),
    description: t("charts.idsPivotal.taxes.description"),
    descriptionPlayed: t("charts.idsPivotal.taxes.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.idsPivotal.taxes.y") },
    spread: t("charts.spread.joinedUsers"),
    series: [
      { name: t("charts.idsPivotal.taxes.paid"), role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(playersOf(rs), (p) => p.outcome.tax))) },
      { name: t("charts.idsPivotal.taxes.theory"), role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(playersOf(rs), (p) => p.outcome.paper_tax))) },
    ],
  };
}

export function pivotalBudgetChart(input: ChartInput): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "ids-pivotal/budget",
    title: t("charts.idsPivotal.budget.title"),
    description: t("charts.idsPivotal.budget.description"),
    descriptionPlayed: t("charts.idsPivotal.budget.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.idsPivotal.budget.y") },
    spread: t("charts.spread.groups"),
    series: [
      { name: t("charts.series.budget"), role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.budget))) },
      { name: t("charts.idsPivotal.budget.theory"), role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.paper_budget))) },
    ],
  };
}

export const idsPivotalCharts = (input: ChartInput): Chart[] => [pivotalRatesChart(input), pivotalTaxesChart(input), pivotalBudgetChart(input)];
