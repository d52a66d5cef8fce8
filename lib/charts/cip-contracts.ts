/**
 * Charts of the CIP contract game (Eldosouky et al., Algorithm 1): the contract each CI chose against
 * the type it was designed for (incentive compatibility in practice), rejections and exclusions, and
 * the control center's utility against the optimal menu (every CI takes its own contract) and the
 * equal split R/N — both counterfactuals the round's records hold (group menu_truthful_cc_utility,
 * equal_split_cc_utility).
 */
import type { CipGameParams } from "../games/cip-contracts/params";
import type { Chart, ChartInput, ChartPlayerRound } from "./types";
import { byRound, flags, meanPoint, num, numbers, playersOf, ratePoint, SPREAD_TEXT, summary } from "./stats";
import type { z } from "zod";

type In = ChartInput<z.infer<typeof CipGameParams>>;

const typeName = (p: In["params"], k: number) => `type ${k}${p.types[k - 1]?.label ? ` (${p.types[k - 1]!.label})` : ""}`;
export const REJECTED = "rejected";
export const NOT_OFFERED = "excluded / not offered";

/** What a CI ended the round with: the type its accepted contract was designed for, or why none. */
function answerOf(pl: ChartPlayerRound): number | typeof REJECTED | typeof NOT_OFFERED {
  const contract = num(pl.decision.contract_type);
  if (pl.decision.response === "accept" && contract !== null) return contract;
  return pl.outcome.status === "rejected" ? REJECTED : NOT_OFFERED;
}

export function cipContractByTypeChart(input: In): Chart {
  const p = input.params;
  const K = p.types.length;
  const types = Array.from({ length: K }, (_, i) => i + 1);
  const players = playersOf(input.rounds);
  const ofType = (k: number) => players.filter((pl) => num(pl.outcome.true_type) === k);
  const share = (k: number, answer: number | string) => {
    const all = ofType(k);
    return { x: typeName(p, k), y: all.length === 0 ? null : all.filter((pl) => answerOf(pl) === answer).length / all.length, n: all.length };
  };
  return {
    id: "cip-contracts/contract-by-type",
    title: "Contract chosen by true type",
    description:
      "For each true type: the share of its CI rounds (all rounds so far) that ended with the contract designed for type j, a rejection, or no offer (excluded). Incentive compatibility predicts every type takes its own contract.",
    kind: "stacked",
    x: { title: "true type", categories: types.map((k) => typeName(p, k)) },
    y: { title: "share of the type's CI rounds", share: true },
    byPrivateType: true,
    series: [
      ...types.map((j) => ({ name: `contract for type ${j}`, role: "played" as const, points: types.map((k) => share(k, j)) })),
      { name: REJECTED, role: "played", points: types.map((k) => share(k, REJECTED)) },
      { name: NOT_OFFERED, role: "played", points: types.map((k) => share(k, NOT_OFFERED)) },
    ],
  };
}

/** Menu treatments: how often accepting CIs took their own type's contract, and a best response, per round. */
export function cipIcRateChart(input: In): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "cip-contracts/ic-rate",
    title: "Own contract taken (incentive compatibility)",
    description:
      "Among CIs that accepted a contract: the share that took the contract designed for their true type, and the share whose contract maximises their true utility on the final menu, per round; theory (IC): 1.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "share of accepting CIs", share: true },
    series: [
      { name: "own contract", role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (pl) => pl.outcome.own_contract))) },
      { name: "best response", role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (pl) => pl.outcome.best_response))) },
      { name: "theory: own contract (IC)", role: "theory", points: rounds.map(([r]) => ({ x: r, y: 1 })) },
    ],
  };
}

export function cipRejectionsChart(input: In): Chart {
  const rounds = byRound(input.rounds);
  const per = (key: string) =>
    rounds.map(([r, rs]) => {
      const cis = rs.reduce((s, g) => s + g.players.length, 0);
      const count = numbers(rs, (g) => g.group[key]).reduce((s, v) => s + v, 0);
      return { x: r, y: cis === 0 ? null : Math.round((count / cis) * 1e9) / 1e9, n: cis };
    });
  return {
    id: "cip-contracts/rejections",
    title: "Rejections and exclusions",
    description: "Per round, the share of all CIs that rejected an offer (and left), that Algorithm 1 excluded before the first offer, and that were still excluded at the end of the round.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "share of CIs", share: true },
    series: [
      { name: "rejected", role: "played", points: per("rejections") },
      { name: "excluded at the start", role: "played", points: per("excluded_initially") },
      { name: "excluded at the end", role: "played", points: per("excluded_final") },
    ],
  };
}

export function cipUtilityChart(input: In): Chart {
  const rounds = byRound(input.rounds);
  return {
    id: "cip-contracts/cc-utility",
    title: "Control center's utility",
    description:
      "Mean over groups of the control center's utility Σ τ(π − r) per round (band: 10th–90th percentile over groups) against the same CIs under the optimal menu (every CI offered the first menu takes its own contract) and under the equal split R/N.",
    kind: "rounds",
    x: { title: "round" },
    y: { title: "CC utility" },
    spread: `${SPREAD_TEXT} over groups`,
    series: [
      { name: "played", role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.cc_utility))) },
      ...(input.params.allocation === "menu"
        ? [{ name: "optimal menu", role: "theory" as const, points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.menu_truthful_cc_utility))) }]
        : []),
      { name: "equal split", role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.equal_split_cc_utility))) },
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
