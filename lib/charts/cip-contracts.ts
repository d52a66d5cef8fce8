/**
 * Charts of the CIP contract game (Eldosouky et al., Algorithm 1): the contract each CI chose against
 * the type it was designed for (incentive compatibility in practice), rejections and exclusions, and
 * the control center's utility against the optimal menu (every CI takes its own contract) and the
 * equal split R/N — both counterfactuals the round's records hold (group menu_truthful_cc_utility,
 * equal_split_cc_utility).
 */
import type { CipGameParams } from "../games/cip-contracts/params";
import { translatorFor } from "../i18n/translate";
import type { Chart, ChartInput, ChartPlayerRound } from "./types";
import { byRound, flags, meanPoint, num, numbers, playersOf, ratePoint, summary } from "./stats";
import type { z } from "zod";

type In = ChartInput<z.infer<typeof CipGameParams>>;

/** How a CI's round ended without a contract (the series' words come from the catalogue). */
const REJECTED = "rejected";
const NOT_OFFERED = "not offered";

/** What a CI ended the round with: the type its accepted contract was designed for, or why none. */
function answerOf(pl: ChartPlayerRound): number | typeof REJECTED | typeof NOT_OFFERED {
  const contract = num(pl.decision.contract_type);
  if (pl.decision.response === "accept" && contract !== null) return contract;
  return pl.outcome.status === "rejected" ? REJECTED : NOT_OFFERED;
}

export function cipContractByTypeChart(input: In): Chart {
  const p = input.params;
  const t = translatorFor(input.locale);
  const typeName = (k: number) => {
    const label = p.types[k - 1]?.label;
    return label ? t("charts.cip.typeWithLabel", { type: k, label }) : t("charts.cip.type", { type: k });
  };
  const K = p.types.length;
  const types = Array.from({ length: K }, (_, i) => i + 1);
  const players = playersOf(input.rounds);
  const ofType = (k: number) => players.filter((pl) => num(pl.outcome.true_type) === k);
  const share = (k: number, answer: number | string) => {
    const all = ofType(k);
    return { x: typeName(k), y: all.length === 0 ? null : all.filter((pl) => answerOf(pl) === answer).length / all.length, n: all.length };
  };
  return {
    id: "cip-contracts/contract-by-type",
    title: t("charts.cip.contractByType.title"),
    description: t("charts.cip.contractByType.description"),
    kind: "stacked",
    x: { title: t("charts.cip.contractByType.x"), categories: types.map(typeName) },
    y: { title: t("charts.cip.contractByType.y"), share: true },
    byPrivateType: true,
    series: [
      ...types.map((j) => ({ name: t("charts.cip.contractByType.contract", { type: j }), role: "played" as const, points: types.map((k) => share(k, j)) })),
      { name: t("charts.cip.rejected"), role: "played", points: types.map((k) => share(k, REJECTED)) },
      { name: t("charts.cip.contractByType.notOffered"), role: "played", points: types.map((k) => share(k, NOT_OFFERED)) },
    ],
  };
}

/** Menu treatments: how often accepting CIs took their own type's contract, and a best response ex post (given the others' choices and the over-budget rule), per round. */
export function cipIcRateChart(input: In): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "cip-contracts/ic-rate",
    title: t("charts.cip.icRate.title"),
    description: t("charts.cip.icRate.description"),
    descriptionPlayed: t("charts.cip.icRate.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.cip.icRate.y"), share: true },
    series: [
      { name: t("charts.cip.icRate.own"), role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (pl) => pl.outcome.own_contract))) },
      { name: t("charts.cip.icRate.best"), role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (pl) => pl.outcome.best_response_ex_post))) },
      { name: t("charts.cip.icRate.theory"), role: "theory", points: rounds.map(([r]) => ({ x: r, y: 1 })) },
    ],
  };
}

export function cipRejectionsChart(input: In): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  const per = (key: string) =>
    rounds.map(([r, rs]) => {
      const cis = rs.reduce((s, g) => s + g.players.length, 0);
      const count = numbers(rs, (g) => g.group[key]).reduce((s, v) => s + v, 0);
      return { x: r, y: cis === 0 ? null : Math.round((count / cis) * 1e9) / 1e9, n: cis };
    });
  return {
    id: "cip-contracts/rejections",
    title: t("charts.cip.rejections.title"),
    description: t("charts.cip.rejections.description"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.cip.rejections.y"), share: true },
    series: [
      { name: t("charts.cip.rejected"), role: "played", points: per("rejections") },
      { name: t("charts.cip.rejections.excludedStart"), role: "played", points: per("excluded_initially") },
      { name: t("charts.cip.rejections.excludedEnd"), role: "played", points: per("excluded_final") },
    ],
  };
}

export function cipUtilityChart(input: In): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "cip-contracts/cc-utility",
    title: t("charts.cip.utility.title"),
    description: t("charts.cip.utility.description"),
    descriptionPlayed: t("charts.cip.utility.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.cip.utility.y") },
    spread: t("charts.spread.groups"),
    series: [
      { name: t("charts.series.played"), role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.cc_utility))) },
      // in equal-split treatments too: what the optimal menu would have given the same CIs
      { name: t("charts.cip.utility.menu"), role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.menu_truthful_cc_utility))) },
      { name: t("charts.cip.utility.equalSplit"), role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.equal_split_cc_utility))) },
    ],
  };
}

export function cipContractsCharts(input: In): Chart[] {
  return [
    cipContractByTypeChart(input),
    ...(input.params.allocation === "menu" ? [cipIcRateChart(input)] : []),
    cipRejectionsChart(input),
    cipUtilityChart(input),
  ];
}
