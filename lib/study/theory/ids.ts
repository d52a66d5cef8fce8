/**
 * Launch-check theory of the three IDS games (Naghizadeh & Liu; docs/papers/ids.md), read from the
 * mechanism core's memoised benchmarks of the TRUE instance — the same numbers the live monitor shows:
 * - every IDS game: the unregulated Nash equilibrium and the social optimum x* (eq. 2), per user
 *   (investment and cost g_i) and in total;
 * - ids-pivotal: the Pivotal taxes (eq. 6, or eq. 9 under full information) with everyone in and
 *   truthful, the budget Σ t_i, and who would rather stay out (cost out below cost in, VP fails);
 * - ids-externality: the equilibrium messages m* (everyone proposes x*, prices π_i), the equilibrium
 *   taxes t* (eq. 12–13), their budget, and who would rather stay out at the equilibrium.
 */
import { userCosts, type IdsInstance } from "../../mechanisms/ids";
import { unregulatedBenchmarks } from "../../mechanisms/ids/unregulated";
import { instanceOf as investmentInstance } from "../../games/ids-investment/params";
import { benchmarksOf, externalityEquilibriumOf } from "../../games/ids-mechanisms-common/benchmarks";
import { instanceOf as mechanismInstance, type InstanceParams } from "../../games/ids-mechanisms-common/instance";
import type { IdsParams } from "../../games/ids-investment/params";
import type { PivotalParams } from "../../games/ids-pivotal/params";
import { r4, vec, whoList, yn, type LaunchSection, type Theory } from "./section";

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

/** Nash equilibrium vs social optimum, per user and in total. */
function nashSection(inst: IdsInstance, so: readonly number[], nash: readonly number[] | null, nashError: string | null): LaunchSection {
  const soCost = userCosts(inst, so);
  const nashCost = nash ? userCosts(inst, nash) : null;
  return {
    id: "ids-nash-social",
    title: "Nash equilibrium (no mechanism) and social optimum",
    note: "Investments x_i and costs g_i of the true instance; the social optimum minimises the total cost (eq. 2).",
    metrics: [
      { label: "Nash total cost Σ g_i", value: nashCost ? r4(sum(nashCost)) : null, ...(nashError ? { hint: `no certified Nash equilibrium: ${nashError}` } : {}) },
      { label: "Social-optimum total cost Σ g_i(x*)", value: r4(sum(soCost)) },
      { label: "Price of anarchy (Nash / optimum)", value: nashCost && sum(soCost) > 0 ? r4(sum(nashCost) / sum(soCost)) : null },
    ],
    tables: [
      {
        title: "Per user",
        columns: ["user", "Nash x_i", "Nash cost g_i", "social optimum x*_i", "cost g_i(x*)"],
        rows: so.map((x, i) => [i + 1, nash ? r4(nash[i]) : null, nashCost ? r4(nashCost[i]) : null, r4(x), r4(soCost[i])]),
      },
    ],
  };
}

export function idsInvestmentTheory(p: IdsParams): Theory {
  const inst = investmentInstance(p);
  const b = unregulatedBenchmarks(inst);
  return { sections: [nashSection(inst, b.socialOptimum.x, b.nash?.x ?? null, b.nashError)], warnings: [] };
}

function reportOf(p: InstanceParams) {
  const inst = mechanismInstance(p);
  const rep = benchmarksOf(inst);
  return { inst, rep, nash: nashSection(inst, rep.socialOptimum.x, rep.nash?.x ?? null, rep.nashError) };
}

export function idsPivotalTheory(p: PivotalParams): Theory {
  const { rep, nash } = reportOf(p);
  const piv = p.information === "full" ? rep.pivotalFullInfo : rep.pivotal;
  const out = piv.users.map((u) => !u.participates);
  const section: LaunchSection = {
    id: "ids-pivotal",
    title: `Pivotal mechanism (${p.information === "full" ? "full information, eq. 9" : "incomplete information, eq. 6"})`,
    note: "Everyone joins and reports truthfully; x* is prescribed. Cost out: staying out and best-responding.",
    metrics: [
      { label: "Budget Σ t_i", value: r4(piv.budget), hint: piv.budget >= 0 ? "surplus" : "deficit the designer pays" },
      { label: "Would rather stay out", value: whoList(out), hint: "users whose cost out is below their cost in (voluntary participation fails)" },
    ],
    tables: [
      {
        title: "Taxes",
        columns: ["user", "x*_i", "tax t_i", "cost in g_i(x*) + t_i", "cost out", "would rather stay out"],
        rows: piv.users.map((u) => [u.user + 1, r4(piv.x[u.user]), r4(u.tax), r4(u.costIn), r4(u.costOut), yn(!u.participates)]),
      },
    ],
  };
  const warnings = out.some(Boolean) ? [`Pivotal: user(s) ${whoList(out)} would rather stay out even when everyone reports truthfully.`] : [];
  return { sections: [nash, section], warnings };
}

/** Launch-check warning of `start: "nash"`: the round-1 prefill is computed from everyone's private costs. */
export const NASH_START_WARNING =
  'Externality: "start": "nash" prefills every person\'s round-1 proposal with the unregulated Nash profile, which is computed from every user\'s private cost c: anyone who knows the rules can read other users\' costs off it (a user with a positive Nash investment x_i has c_i = α_i W_ii e^{−(W x)_i}). Use "start": "zero" (the default) unless every user may know every cost.';

export function idsExternalityTheory(p: InstanceParams, start: "nash" | "zero" = "zero"): Theory {
  const { inst, rep, nash } = reportOf(p);
  const ext = rep.externality;
  const eq = externalityEquilibriumOf(inst);
  const out = ext.users.map((u) => !u.participates);
  const section: LaunchSection = {
    id: "ids-externality",
    title: "Externality mechanism at equilibrium (eq. 10–13)",
    note: "At the equilibrium messages m* every user proposes x* and sends the prices π_i; the taxes balance (Σ t* = 0).",
    metrics: [
      { label: "Budget Σ t*_i", value: r4(ext.budget), hint: "0 up to solver tolerance" },
      { label: "Would rather stay out (VP fails)", value: whoList(out), hint: "cost out (loner equilibrium) below the cost in at the equilibrium" },
      ...("error" in eq ? [{ label: "Equilibrium messages", value: eq.error }] : []),
    ],
    tables: [
      {
        title: "Equilibrium taxes",
        columns: ["user", "x*_i", "tax t*_i", "cost in", "cost out", "would rather stay out"],
        rows: ext.users.map((u) => [u.user + 1, r4(ext.x[u.user]), r4(u.tax), r4(u.costIn), r4(u.costOut), yn(!u.participates)]),
      },
      ...("error" in eq
        ? []
        : [{ title: "Equilibrium messages m*", columns: ["user", "proposed x̂_i", "prices π_i"], rows: eq.messages.map((m, i) => [i + 1, vec(m.x), vec(m.pi)]) }]),
    ],
  };
  const warnings = out.some(Boolean) ? [`Externality: user(s) ${whoList(out)} would rather stay out at the equilibrium.`] : [];
  if (start === "nash") warnings.push(NASH_START_WARNING);
  return { sections: [nash, section], warnings };
}
