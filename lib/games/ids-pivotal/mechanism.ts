/**
 * One round of the Pivotal (Clarke) mechanism with a participation decision (Naghizadeh & Liu §III),
 * as a pure function of what happened: who joined, what the participants reported, and (when the
 * treatment lets loners choose) what the loners invested. Stored as the round's mechanism input, so
 * `pivotalRound(input)` recomputes the round exactly.
 *
 * The mechanism computes with the *designer's types*: the reports of the participants (α_i, c_i, q_i;
 * row i of W is public) and, for the loners, nothing (incomplete information, x̂ = 0) or their true
 * types (full information: the designer knows everyone's type, §III-D).
 *
 * Participants P, loners L (those who stayed out):
 * - incomplete information (eq. 6, x̂_i^i = 0): the mechanism ignores the loners (assumes they invest 0)
 *   and runs eq. 6 on the participants' sub-game: x_P = argmin Σ_{j∈P} ĝ_j(x_P, x_L = 0) and
 *   t_i = Σ_{j∈P\i} ĝ_j(x_P) − Σ_{j∈P\i} ĝ_j(x̂^i), x̂^i = argmin_{x_{P\i}} Σ_{j∈P\i} ĝ_j(x_{P\i}, x_i = 0, x_L = 0)
 *   (`pivotalTaxes` of the core on the sub-instance; with everyone in, exactly eq. 6);
 * - full information (eq. 9): x_P is the coalition's strategy in the Nash equilibrium between the
 *   coalition P (minimising Σ_{j∈P} ĝ_j) and the loners L (each best-responding), and the reference
 *   of participant i is the same equilibrium with P\i against L∪{i}: t_i = Σ_{j∈P\i} ĝ_j(x^{P,L}) −
 *   Σ_{j∈P\i} ĝ_j(x^{P\i,L∪i}). With everyone in, exactly `pivotalFullInfo` of the core (x* and x̃^i).
 * Participants then invest what is prescribed (their investment is monitored); each loner either
 * best-responds to the announced profile (Prop. 2; several loners: their Nash equilibrium given the
 * participants' x) or invests what it chose. Payoffs use the TRUE types: cost g_i(x) + t_i in,
 * g_i(x) out (eq. 3).
 */
import { IdsSolverError, investmentCost, pivotalFullInfo, pivotalTaxes, riskTerm, socialOptimum, userCosts } from "../../mechanisms/ids";
import { coalitionEquilibrium, lonersResponse } from "../ids-mechanisms-common/coalition";
import { keyOf, memo, restrict, type Instance } from "../ids-mechanisms-common/instance";

export type Information = "incomplete" | "full";

/** What a participant tells the mechanism about its type (row i of W is public). */
export interface TypeReport {
  alpha: number;
  c: number;
  q: number;
}

/** Everything a Pivotal round's outcome depends on (the stored mechanism input). */
export interface PivotalRoundInput {
  information: Information;
  /** The true instance (payoffs). */
  truth: Instance;
  /** Per user: joined the mechanism. */
  joined: boolean[];
  /** Per user: its report (null for loners). */
  reports: (TypeReport | null)[];
  /** Per user: the loner's own investment when loners choose freely; null = best-responds (participants: null). */
  lonerChoices: (number | null)[];
}

/** What the mechanism computes from joins and reports (before loners act). */
export interface PivotalAllocation {
  /** The types the mechanism computes with (reports of participants; true types of loners). */
  designer: Instance;
  participants: number[];
  loners: number[];
  /** x prescribed to each participant (null for loners): the announced profile. */
  prescribed: (number | null)[];
  /** The full profile the mechanism planned with (loners: 0 under incomplete information, their anticipated response under full information). */
  planned: number[];
  /** t_i of eq. 6 (null for loners: they pay nothing). Positive: the participant pays. */
  taxes: (number | null)[];
  /** The profile of the second sum of eq. 6 per participant (x̂^i or x̃^i), null for loners. */
  references: (number[] | null)[];
  /** Σ_i t_i: positive surplus, negative deficit (the designer pays). */
  budget: number;
  /** Which computation was used. */
  method: "none" | "eq6" | "eq6-participants" | "eq6-by-parts" | "eq6-participants-by-parts" | "eq9" | "eq9-coalition" | "eq9-by-parts";
  /** False if a coalition equilibrium could not be certified (then its last iterate was used). */
  certified: boolean;
}

/** The round's full result. */
export interface PivotalRoundOutput extends PivotalAllocation {
  /** Realised investments. */
  x: number[];
  /** True f_i(x), h_i(x_i), g_i(x). */
  risk: number[];
  invest: number[];
  cost: number[];
  /** g_i(x) + t_i (t_i = 0 for loners): what the payoff is made of. */
  netCost: number[];
  /** Each loner's best response to the realised profile (null for participants). */
  lonerBestResponse: (number | null)[];
}

const sumOver = (v: readonly number[], who: readonly number[]) => who.reduce((s, j) => s + v[j]!, 0);

/** The designer's instance: reports for participants, true types otherwise; W always true (public). */
export function designerInstance(truth: Instance, reports: readonly (TypeReport | null)[]): Instance {
  return {
    alpha: truth.alpha.map((a, i) => reports[i]?.alpha ?? a),
    W: truth.W,
    c: truth.c.map((c, i) => reports[i]?.c ?? c),
    q: truth.q.map((q, i) => reports[i]?.q ?? q),
  };
}

const allocMemo = memo<PivotalAllocation>(400);

/** The mechanism's allocation and taxes from joins and reports (memoised on its inputs). */
export function pivotalAllocation(information: Information, truth: Instance, joined: readonly boolean[], reports: readonly (TypeReport | null)[]): PivotalAllocation {
  const rep = joined.map((j, i) => (j ? (reports[i] ?? null) : null));
  return allocMemo(keyOf([information, truth, joined, rep]), () => allocate(information, truth, joined, rep));
}

/**
 * Eq. 6 on an instance (all its users participate): the core's `pivotalTaxes`; if the core cannot
 * certify one of its warm-started subproblems (seen on badly scaled reports, reported upstream), the
 * same N+1 optimisations are solved cold with `socialOptimum` ("by parts").
 */
function eq6(truth: Instance, rep: Instance): { x: number[]; taxes: number[]; refs: number[][]; byParts: boolean } {
  try {
    const r = pivotalTaxes(truth, rep);
    return { x: r.x, taxes: r.taxes, refs: r.users.map((u) => u.reference), byParts: false };
  } catch (e) {
    if (!(e instanceof IdsSolverError)) throw e;
    const n = rep.alpha.length;
    const so = socialOptimum(rep);
    const g = userCosts(rep, so.x);
    const refs: number[][] = [];
    const taxes = [...Array(n).keys()].map((i) => {
      const others = [...Array(n).keys()].filter((j) => j !== i);
      const ref = socialOptimum(rep, { users: others });
      refs.push(ref.x);
      return sumOver(g, others) - ref.cost;
    });
    return { x: so.x, taxes, refs, byParts: true };
  }
}

function allocate(information: Information, truth: Instance, joined: readonly boolean[], reports: readonly (TypeReport | null)[]): PivotalAllocation {
  const n = truth.alpha.length;
  const designer = designerInstance(truth, reports);
  const participants = [...Array(n).keys()].filter((i) => joined[i]);
  const loners = [...Array(n).keys()].filter((i) => !joined[i]);
  const prescribed: (number | null)[] = Array(n).fill(null);
  const taxes: (number | null)[] = Array(n).fill(null);
  const references: (number[] | null)[] = Array(n).fill(null);
  const base = { designer, participants, loners, prescribed, taxes, references };
  const budget = () => sumOver(taxes.map((t) => t ?? 0), participants);
  if (participants.length === 0) {
    return { ...base, planned: Array(n).fill(0), budget: 0, method: "none", certified: true };
  }
  const embed = (sub: readonly number[]) => {
    const full = Array<number>(n).fill(0);
    participants.forEach((j, k) => (full[j] = sub[k]!));
    return full;
  };
  if (information === "incomplete") {
    const all = loners.length === 0;
    const r = all ? eq6(truth, designer) : eq6(restrict(truth, participants), restrict(designer, participants));
    participants.forEach((i, k) => {
      prescribed[i] = r.x[k]!;
      taxes[i] = r.taxes[k]!;
      references[i] = embed(r.refs[k]!);
    });
    const method = all ? "eq6" : "eq6-participants";
    return { ...base, planned: embed(r.x), budget: budget(), method: r.byParts ? `${method}-by-parts` : method, certified: true };
  }
  if (loners.length === 0) {
    try {
      const r = pivotalFullInfo(designer);
      participants.forEach((i, k) => {
        prescribed[i] = r.x[k]!;
        taxes[i] = r.taxes[k]!;
        references[i] = r.users[k]!.reference;
      });
      return { ...base, planned: r.x.slice(), budget: budget(), method: "eq9", certified: true };
    } catch (e) {
      if (!(e instanceof IdsSolverError)) throw e; // below: the same quantities from coalition equilibria
    }
  }
  const eq = coalitionEquilibrium(designer, participants, loners);
  let certified = eq.certified;
  const g = userCosts(designer, eq.x);
  for (const i of participants) {
    const rest = participants.filter((j) => j !== i);
    const ref = coalitionEquilibrium(designer, rest, [...loners, i].sort((a, b) => a - b));
    certified &&= ref.certified;
    prescribed[i] = eq.x[i]!;
    taxes[i] = sumOver(g, rest) - ref.coalitionCost;
    references[i] = ref.x;
  }
  return { ...base, planned: eq.x, budget: budget(), method: loners.length ? "eq9-coalition" : "eq9-by-parts", certified };
}

/**
 * Realised profile and costs: participants invest what is prescribed; loners with a choice invest it,
 * the others best-respond (jointly: their Nash equilibrium given everyone else).
 */
export function pivotalOutcome(truth: Instance, alloc: PivotalAllocation, lonerChoices: readonly (number | null)[]): PivotalRoundOutput {
  const n = truth.alpha.length;
  const x = alloc.prescribed.map((p, i) => p ?? lonerChoices[i] ?? 0);
  const responders = alloc.loners.filter((l) => lonerChoices[l] === null || lonerChoices[l] === undefined);
  const realised = responders.length ? lonersResponse(truth, responders, x) : x;
  const cost = userCosts(truth, realised);
  const lonerBestResponse = alloc.prescribed.map((p, i) => (p === null ? lonersResponse(truth, [i], realised)[i]! : null));
  return {
    ...alloc,
    x: realised,
    risk: [...Array(n).keys()].map((i) => riskTerm(truth, i, realised)),
    invest: [...Array(n).keys()].map((i) => investmentCost(truth, i, realised[i]!)),
    cost,
    netCost: cost.map((g, i) => g + (alloc.taxes[i] ?? 0)),
    lonerBestResponse,
  };
}

/** Recompute a round from its stored input. */
export function pivotalRound(input: PivotalRoundInput): PivotalRoundOutput {
  return pivotalOutcome(input.truth, pivotalAllocation(input.information, input.truth, input.joined, input.reports), input.lonerChoices);
}

/** Counterfactual participation of one user (VP, measured on what the others actually did). */
export interface Counterfactual {
  user: number;
  joined: boolean;
  /** Net cost g_i + t_i (true type) in: the actual one if it joined, else joining with a truthful report. */
  costIn: number;
  /** Cost g_i (true type) out: the actual one if it stayed out, else staying out and best-responding. */
  costOut: number;
  /** A participant who would have done better out, or a loner who would have done better in. */
  regrets: boolean;
}

const TOL = 1e-9;

/**
 * For each user: what it got, and what it would have got with the other participation choice, the
 * others' joins, reports and loner choices unchanged. A user switching out best-responds as a loner;
 * a user switching in reports truthfully. "costIn"/"costOut" are the net costs in / out.
 */
export function pivotalCounterfactuals(input: PivotalRoundInput, actual: PivotalRoundOutput): Counterfactual[] {
  return input.joined.map((j, i) => {
    const joined = input.joined.slice();
    joined[i] = !j;
    const reports = input.reports.slice();
    reports[i] = j ? null : { alpha: input.truth.alpha[i]!, c: input.truth.c[i]!, q: input.truth.q[i]! };
    const lonerChoices = input.lonerChoices.slice();
    lonerChoices[i] = null;
    const alt = pivotalRound({ ...input, joined, reports, lonerChoices });
    const costIn = j ? actual.netCost[i]! : alt.netCost[i]!;
    const costOut = j ? alt.netCost[i]! : actual.netCost[i]!;
    // relative to the terms compared (costs and taxes in both worlds), never to 1: independent of the money unit
    const scale = Math.max(Math.abs(actual.cost[i]!), Math.abs(actual.taxes[i] ?? 0), Math.abs(alt.cost[i]!), Math.abs(alt.taxes[i] ?? 0));
    const regrets = j ? costOut < costIn - TOL * scale : costIn < costOut - TOL * scale;
    return { user: i, joined: j, costIn, costOut, regrets };
  });
}
