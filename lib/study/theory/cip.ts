/**
 * Launch-check theory of the CIP contract game (Eldosouky et al. 2015, reconstructed model;
 * docs/papers/cip.md), from the mechanism core: Algorithm 1's start for the group's CIs (steps 1–3:
 * who it excludes and the optimal menu it offers first, memoised like the game's own rounds), each
 * type's utility from every contract, whether the upward local incentive constraint ULIC k binds (type
 * k is indifferent between its own contract and contract k+1, `indifferences` of the verified menu),
 * and the equal-split baseline R/N (`equalSplit`).
 */
import { ciProbabilities, ciWeights, equalSplit, type Algorithm1State, type MenuSolution } from "../../mechanisms/cip";
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

function equalSplitSection(p: CipGameParams, alg: Algorithm1State): LaunchSection {
  const instance = instanceOf(p);
  const cis = cisInSeatOrder(p);
  const eq = equalSplit(instance, ciWeights(instance, cis.map((c) => ciProbabilities(instance, c))));
  const menu = alg.menu;
  return {
    id: "cip-equal-split",
    title: "Equal-split baseline R/N",
    note: `Each of the N = ${cis.length} CIs gets R/N and pays its own type's rate (the paper's baseline; it ignores r_min).`,
    metrics: [
      { label: "R/N per CI", value: r4(eq.resourcesPerCi) },
      { label: "CC objective, equal split", value: r4(eq.ccUtility), hint: "same weights over all N CIs" },
      ...(menu ? [{ label: "CC objective, optimal menu", value: r4(menu.ccUtility) }] : []),
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

export function cipTheory(p: CipGameParams): Theory {
  const alg = firstOffer(p);
  const warnings: string[] = [];
  if (!alg.menu) warnings.push("Algorithm 1 cannot serve any CI with these resources: every CI is excluded.");
  return { sections: [menuSection(p, alg), algorithmSection(p, alg), equalSplitSection(p, alg)], warnings };
}
