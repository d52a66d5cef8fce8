/**
 * Launch-check theory of the CIP contract game (Eldosouky et al. 2015, reconstructed model;
 * docs/papers/cip.md), from the mechanism core: Algorithm 1's start for the group's CIs (steps 1–3:
 * who it excludes and the optimal menu it offers first, memoised like the game's own rounds), each
 * type's utility from every contract, whether the upward local incentive constraint ULIC k binds (type
 * k is indifferent between its own contract and contract k+1, `indifferences` of the verified menu),
 * and the equal-split baseline R/N (`equalSplit`). Next to the LP's planned objective (which assumes
 * every contract is paid in full, although the budget holds only in expectation) it shows what the game
 * is expected to realise: the exact expectation over the type profiles with truthful CIs and the
 * over-budget rule (`expectedPlayedValue`, findings B4), and warns when that differs materially.
 */
import { ciProbabilities, ciWeights, equalSplit, expectedPlayedValue, type Algorithm1State, type MenuSolution, type PlayedExpectation } from "../../mechanisms/cip";
import { cachedStart } from "../../games/cip-contracts/cache";
import { cisInSeatOrder, instanceOf, type CipGameParams } from "../../games/cip-contracts/params";
import type { Scalar } from "../../core/game";
import { r4, yn, type LaunchSection, type Theory } from "./section";

const ci = (id: string) => Number(id.replace(/^ci/, ""));
const ciList = (ids: readonly string[]) => (ids.length ? ids.map(ci).join(", ") : "none");

/** Per type k < K: ULIC k binds at the menu (type k indifferent to contract k+1). Last type: null (no ULIC). */
export function ulicBinds(menu: Pick<MenuSolution, "indifferences">): (boolean | null)[] {
  const K = menu.indifferences.length;
  return menu.indifferences.map((others, k) => (k === K - 1 ? null : others.includes(k + 1)));
}

/** Algorithm 1's start for the group's CIs in seat order (the state every round of the game starts from). */
export function firstOffer(p: CipGameParams): Algorithm1State {
  return cachedStart({ instance: instanceOf(p), cis: cisInSeatOrder(p) });
}

function menuSection(p: CipGameParams, alg: Algorithm1State): LaunchSection {
  const instance = instanceOf(p);
  const menu = alg.menu;
  const typeName = (k: number) => `type ${k + 1} (θ ${instance.types[k]!.theta}, φ ${instance.types[k]!.phi})`;
  const note =
    p.allocation === "equal"
      ? "Not offered in this treatment (equal split R/N): the menu Algorithm 1 would offer, which the data are compared with."
      : "The first offer of every round: the CC's optimal menu for the CIs Algorithm 1 keeps (each type takes its own contract).";
  if (!menu) return { id: "cip-menu", title: "Optimal contract menu", note, metrics: [{ label: "Menu", value: "none: no CI can be served with these resources" }], tables: [] };
  const binds = ulicBinds(menu);
  return {
    id: "cip-menu",
    title: "Optimal contract menu (Algorithm 1's first offer)",
    note,
    metrics: [
      { label: "CC objective Σ α_k U_CC(k)", value: r4(menu.ccUtility), hint: "the menu LP's objective for the CIs offered" },
      { label: "ULIC binds for", value: binds.some((b) => b) ? binds.flatMap((b, k) => (b ? [`type ${k + 1} (↔ contract ${k + 2})`] : [])).join(", ") : "no type", hint: "type k is indifferent between its contract and contract k+1" },
    ],
    tables: [
      {
        title: "Menu",
        columns: ["contract", "designed for", "probability", "r_min", "r", "π", "U_CC of its type", "U_CI of its type", "ULIC binds"],
        rows: menu.contracts.map((c, k): Scalar[] => [
          k + 1,
          typeName(k),
          r4(instance.types[k]!.probability),
          instance.types[k]!.minResources,
          r4(c.resources),
          r4(c.reward),
          r4(menu.ccUtilityByType[k]),
          r4(menu.ciUtility[k]![k]),
          binds[k] === null ? "– (highest type)" : yn(binds[k]!),
        ]),
      },
      {
        title: "Each type's utility U_CI from each contract",
        columns: ["true type", ...menu.contracts.map((_, j) => `contract ${j + 1}`)],
        rows: menu.ciUtility.map((row, k) => [typeName(k), ...row.map((u) => r4(u))]),
      },
    ],
  };
}

function algorithmSection(p: CipGameParams, alg: Algorithm1State): LaunchSection {
  const excluded = alg.log.flatMap((e) => (e.kind === "exclude" ? [e] : []));
  const drawnOrder = p.requestOrder === "random" && p.beliefs !== "perCi" && excluded.length > 0;
  return {
    id: "cip-algorithm1",
    title: "Algorithm 1: who is offered, who is excluded",
    note: `Request order: seats in order${p.requestOrder === "random" ? " (the session draws a random order each round)" : ""}.`,
    metrics: [
      { label: "Offered to (CI)", value: ciList(alg.active) },
      {
        label: "Excluded (CI)",
        value: ciList(alg.excluded),
        ...(drawnOrder ? { hint: "every CI has the same beliefs: who is excluded depends on the drawn request order, how many does not" } : {}),
      },
    ],
    tables: excluded.length
      ? [{ title: "Exclusions (step 2)", columns: ["CI", "P(lowest criticality)", "E[φ]", "why"], rows: excluded.map((e) => [ci(e.ciId), r4(e.pLowest), r4(e.expectedCriticality), `${e.family}: ${e.reason}`]) }]
      : [],
  };
}

/** Each seat's type probabilities as the game draws them (fixed types: certain). */
function seatProbabilities(p: CipGameParams): number[][] {
  const instance = instanceOf(p);
  return cisInSeatOrder(p).map((c, seat) => {
    const fixed = p.fixedTypes?.[seat];
    return fixed !== undefined ? instance.types.map((_, k) => (k === fixed - 1 ? 1 : 0)) : [...ciProbabilities(instance, c)];
  });
}

/** The expected value in play of Algorithm 1's first menu (truthful CIs, over-budget rule), null without a menu. */
export function playedExpectation(p: CipGameParams, alg: Algorithm1State): PlayedExpectation | null {
  if (!alg.menu) return null;
  const probs = seatProbabilities(p);
  const offered = alg.active.map((id) => probs[ci(id) - 1]!);
  return expectedPlayedValue(instanceOf(p), alg.menu.contracts, offered, probs);
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

function equalSplitSection(p: CipGameParams, alg: Algorithm1State, played: PlayedExpectation | null): LaunchSection {
  const instance = instanceOf(p);
  const cis = cisInSeatOrder(p);
  const eq = equalSplit(instance, ciWeights(instance, cis.map((c) => ciProbabilities(instance, c))));
  const menu = alg.menu;
  return {
    id: "cip-equal-split",
    title: "Equal-split baseline R/N",
    note: `Each of the N = ${cis.length} CIs gets R/N and pays its own type's rate (the paper's baseline; it ignores r_min). The "CC objective" rows are the paper's planned comparison (LP weights, every contract paid in full); the "expected in play" rows are what the game's group_cc_utility and group_equal_split_cc_utility average to with truthful CIs: the exact expectation over the type profiles, Algorithm 1's first menu (CIs in seat order), acceptances signed with the over-budget rule.`,
    metrics: [
      { label: "R/N per CI", value: r4(eq.resourcesPerCi) },
      { label: "CC objective, equal split", value: r4(eq.ccUtility), hint: "same weights over all N CIs" },
      ...(menu ? [{ label: "CC objective, optimal menu", value: r4(menu.ccUtility), hint: "as planned: the LP objective, as if every contract were paid in full" }] : []),
      ...(played
        ? [
            { label: "Expected CC utility in play, menu", value: r4(played.menuCcUtility), hint: "group total; truthful CIs, over-budget rule (criticality-order-fill)" },
            { label: "Expected CC utility in play, equal split", value: r4(played.equalSplitCcUtility), hint: "group total; all N CIs at R/N" },
            { label: "In play: menu / equal split", value: played.ratio === null ? null : r4(played.ratio), hint: menu && eq.ccUtility !== 0 ? `planned (LP): ${r4(menu.ccUtility / eq.ccUtility)}` : "" },
            { label: "Rounds rationed with truthful play", value: pct(played.rationedProbability), hint: "the truthful contracts ask for more than R; the over-budget rule cuts or drops some" },
          ]
        : []),
    ],
    tables: [
      {
        title: "Per type",
        columns: ["type", "r = R/N", "π", "U_CI equal split", "U_CI menu (own contract)", "R/N below r_min"],
        rows: instance.types.map((_, k) => [k + 1, r4(eq.contracts[k]!.resources), r4(eq.contracts[k]!.reward), r4(eq.ciUtility[k]), menu ? r4(menu.ciUtility[k]![k]) : null, yn(eq.belowMinimum[k]!)]),
      },
    ],
  };
}

/** Warnings where the planned menu and what the game realises part ways (findings B4). */
function playWarnings(p: CipGameParams, alg: Algorithm1State, played: PlayedExpectation | null): string[] {
  const menu = alg.menu;
  if (!menu || !played) return [];
  const R = instanceOf(p).resources;
  const out: string[] = [];
  const over = menu.contracts.flatMap((c, k) => (c.resources > R * (1 + 1e-9) ? [`contract ${k + 1} (r = ${r4(c.resources)})`] : []));
  if (over.length)
    out.push(`The menu's budget holds only in expectation: ${over.join(", ")} ask${over.length === 1 ? "s" : ""} for more than R = ${r4(R)} on ${over.length === 1 ? "its" : "their"} own and can never be paid in full; the over-budget rule cuts ${over.length === 1 ? "it" : "them"} to R.`);
  if (played.rationedProbability >= 0.1)
    out.push(`With truthful play the chosen contracts ask for more than R in ${pct(played.rationedProbability)} of rounds; the over-budget rule then serves them by criticality and some truthful CIs get less or nothing (the own contract is then not always a best response ex post: outcome_best_response_ex_post).`);
  if (played.ratio !== null && played.ratio < 1)
    out.push(`In play the menu is expected to earn the control center less than the equal split (${r4(played.menuCcUtility)} vs ${r4(played.equalSplitCcUtility)} per group and round, truthful CIs), although its planned LP objective is higher (${r4(menu.ccUtility)}).`);
  return out;
}

export function cipTheory(p: CipGameParams): Theory {
  const alg = firstOffer(p);
  const warnings: string[] = [];
  if (!alg.menu) warnings.push("Algorithm 1 cannot serve any CI with these resources: every CI is excluded.");
  const played = playedExpectation(p, alg);
  warnings.push(...playWarnings(p, alg, played));
  return { sections: [menuSection(p, alg), algorithmSection(p, alg), equalSplitSection(p, alg, played)], warnings };
}
