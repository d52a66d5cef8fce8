/**
 * The balanced Externality mechanism (§IV, adapted from Hurwicz).
 *
 * Message m_i = (x_i, π_i): a proposal x_i ∈ R^N for everyone's investment and a price profile
 * π_i ∈ R^N_+. Outcome (eq. 10): x̂ = (1/N) Σ_i x_i. Taxes (eq. 11, indices cyclic: N+1 ≡ 1):
 *   t̂_i = (π_{i+1} − π_{i+2})ᵀ x̂                                 (Lindahl term)
 *       + (x_i − x_{i+1})ᵀ diag(π_i) (x_i − x_{i+1})              (disagreement penalty)
 *       − (x_{i+1} − x_{i+2})ᵀ diag(π_{i+1}) (x_{i+1} − x_{i+2})   (redistribution)
 * so Σ_i t̂_i = 0 identically (budget balance). At an equilibrium all x_i = x* and
 * t_i* = l_iᵀ x* with l_ij = −∂f_i/∂x_j(x*) (eq. 12–13), i.e. the formula before Example 4:
 *   t_i* = −Σ_j x_j* ∂f_i/∂x_j(x*) − h_i'(x_i*) x_i*.
 */
import { IdsInputError, prepare, type IdsInstance, type Prepared } from "./model";
import { costsP, sumExcept } from "./internal";
import { lonersFromCore, pivotalCore } from "./pivotal";
import { solveSocial } from "./social-optimum";

/** A user's message m_i = (x_i, π_i) (§IV-A). */
export interface ExternalityMessage {
  /** Proposed investment profile x_i ∈ R^N. */
  x: number[];
  /** Proposed price profile π_i ∈ R^N_+. */
  pi: number[];
}

/** The three terms of eq. 11 for one user, and their sum. */
export interface ExternalityTaxTerms {
  user: number;
  /** (π_{i+1} − π_{i+2})ᵀ x̂ */
  lindahl: number;
  /** (x_i − x_{i+1})ᵀ diag(π_i) (x_i − x_{i+1}) */
  disagreement: number;
  /** −(x_{i+1} − x_{i+2})ᵀ diag(π_{i+1}) (x_{i+1} − x_{i+2}) */
  redistribution: number;
  tax: number;
}

/** Result of `externalityTaxes`. */
export interface ExternalityTaxResult {
  /** x̂(m), eq. 10. */
  x: number[];
  taxes: number[];
  terms: ExternalityTaxTerms[];
  /** Σ_i t̂_i: zero up to floating-point rounding (compensated sum). */
  budget: number;
}

/** Validate a message profile: N messages, each with x and π of length N, finite, π >= 0. */
export function validateMessages(messages: readonly ExternalityMessage[], n?: number): number {
  const N = messages.length;
  if (N < 1) throw new IdsInputError("messages must contain at least 1 message");
  if (n !== undefined && N !== n) throw new IdsInputError(`messages must have ${n} entries (got ${N})`);
  messages.forEach((m, i) => {
    if (!m || !Array.isArray(m.x) || !Array.isArray(m.pi)) throw new IdsInputError(`messages[${i}] must have x and pi arrays`);
    if (m.x.length !== N) throw new IdsInputError(`messages[${i}].x must have ${N} entries (got ${m.x.length})`);
    if (m.pi.length !== N) throw new IdsInputError(`messages[${i}].pi must have ${N} entries (got ${m.pi.length})`);
    m.x.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new IdsInputError(`messages[${i}].x[${j}] must be a finite number`);
    });
    m.pi.forEach((v, j) => {
      if (!Number.isFinite(v) || v < 0) throw new IdsInputError(`messages[${i}].pi[${j}] must be a finite number >= 0`);
    });
  });
  return N;
}

/**
 * Outcome function x̂(m) = (1/N) Σ_i x_i (eq. 10). It is the plain mean; proposals may make a
 * component negative, which the game engine should treat as an infeasible outcome (the adaptive
 * bot and the equilibrium never do).
 */
export function externalityOutcome(messages: readonly ExternalityMessage[]): number[] {
  const N = validateMessages(messages);
  // Mean as first proposal + mean deviation from it: identical proposals give exactly that
  // proposal (a plain sum / N can be off by one rounding, e.g. (0.1 + 0.1 + 0.1) / 3).
  const first = (messages[0] as ExternalityMessage).x;
  const dev = new Array<number>(N).fill(0);
  for (const m of messages) for (let j = 0; j < N; j++) dev[j] = (dev[j] as number) + ((m.x[j] as number) - (first[j] as number));
  return dev.map((d, j) => (first[j] as number) + d / N);
}

function weightedSq(a: readonly number[], b: readonly number[], w: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) {
    const d = (a[j] as number) - (b[j] as number);
    s += (w[j] as number) * d * d;
  }
  return s;
}

/** Taxes t̂_i(m) of eq. 11 with cyclic indices, each split into its three terms. */
export function externalityTaxes(messages: readonly ExternalityMessage[]): ExternalityTaxResult {
  const N = validateMessages(messages);
  const x = externalityOutcome(messages);
  const msg = (k: number) => messages[k % N] as ExternalityMessage;
  const P = messages.map((m) => m.pi.reduce((s, p, j) => s + p * (x[j] as number), 0)); // π_kᵀ x̂
  const D = messages.map((m, k) => weightedSq(m.x, msg(k + 1).x, m.pi)); // disagreement of k
  const terms = messages.map((_, i): ExternalityTaxTerms => {
    const lindahl = (P[(i + 1) % N] as number) - (P[(i + 2) % N] as number);
    const disagreement = D[i] as number;
    const redistribution = -(D[(i + 1) % N] as number);
    return { user: i, lindahl, disagreement, redistribution, tax: lindahl + disagreement + redistribution };
  });
  const taxes = terms.map((t) => t.tax);
  return { x, taxes, terms, budget: sumExcept(taxes) };
}

/** g_i(x̂(m)) + t̂_i(m): user i's cost in the message game (eq. 3 with eq. 10–11). */
export function externalityUserCost(inst: IdsInstance, i: number, messages: readonly ExternalityMessage[]): number {
  const P = prepare(inst);
  validateMessages(messages, P.n);
  const t = externalityTaxes(messages);
  return (costsP(P, t.x)[i] as number) + (t.taxes[i] as number);
}

/**
 * Equilibrium prices l_i (eq. 12–13) at a profile x: l_ij = −∂f_i/∂x_j(x) = W_ij f_i(x) for j ≠ i,
 * and l_jj = −Σ_{i≠j} l_ij so that Σ_i l_i = 0 (needed for l_i = π_{i+1} − π_{i+2}). At x = x*,
 * l_jj = −∂f_j/∂x_j − h_j'(x_j*) whenever x_j* > 0 (KKT), so x* solves eq. 12 for every i.
 */
export function pricesAt(P: Prepared, x: ArrayLike<number>): number[][] {
  const n = P.n;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let y = 0;
    for (let j = 0; j < n; j++) y += P.W[i * n + j]! * (x[j] ?? 0);
    f[i] = P.alpha[i]! * Math.exp(-y);
  }
  const l: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) if (j !== i) row[j] = P.W[i * n + j]! * f[i]!;
    l.push(row);
  }
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) if (i !== j) s += l[i]![j]!;
    l[j]![j] = -s;
  }
  return l;
}

/** Result of `externalityMechanism`. */
export interface ExternalityResult {
  /** x* = x̂(m*) (eq. 2, implemented at every equilibrium). */
  x: number[];
  /** l_i* of eq. 13 (row i: the per-unit prices user i pays for each investment). */
  prices: number[][];
  /** t_i* = l_i*ᵀ x* (eq. 12–13; the formula before Example 4). */
  taxes: number[];
  /** Σ_i t_i*: zero up to solver tolerance (KKT complementary slackness). */
  budget: number;
  participation: boolean[];
  users: Array<{ user: number; tax: number; costIn: number; costOut: number; outside: number[]; participates: boolean }>;
  /**
   * False for N = 2: with cyclic indices π_{i+2} = π_i, so user i's own price enters its Lindahl
   * term of eq. 11 and the message game has no equilibrium; t* is then only the formula's value.
   */
  messageGameValid: boolean;
}

/**
 * Equilibrium taxes t_i* = −Σ_j x_j* ∂f_i/∂x_j(x*) − h_i'(x_i*) x_i* (formula before Example 4).
 * `x` defaults to the social optimum.
 */
export function externalityEquilibriumTaxes(inst: IdsInstance, x?: readonly number[]): number[] {
  const P = prepare(inst);
  const n = P.n;
  const xs = x ?? solveSocial(P, [...Array(n).keys()], [...Array(n).keys()], null, null).x;
  if (xs.length !== n) throw new IdsInputError(`x must have ${n} entries (got ${xs.length})`);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let y = 0;
    for (let j = 0; j < n; j++) y += P.W[i * n + j]! * xs[j]!;
    const fi = P.alpha[i]! * Math.exp(-y);
    let t = 0;
    for (let j = 0; j < n; j++) t += xs[j]! * P.W[i * n + j]! * fi; // −x_j ∂f_i/∂x_j
    t -= (P.c[i]! + P.q[i]! * xs[i]!) * xs[i]!;
    out.push(t);
  }
  return out;
}

const VP_TOL = 1e-9;

/**
 * The Externality mechanism at its equilibrium (§IV, full information): x*, prices l* (eq. 13),
 * taxes t* (eq. 12–13), budget (= 0) and per-user voluntary participation (§IV-C): in
 * g_i(x*) + t_i*, out g_i(x̃^i) where x̃^i is the loner equilibrium (the N−1 others optimise
 * among themselves, the loner best-responds; same x̃^i as the full-information Pivotal mechanism).
 */
export function externalityMechanism(inst: IdsInstance): ExternalityResult {
  const P = prepare(inst);
  const core = pivotalCore(P);
  return externalityFromLoners(P, core.xstar, lonersFromCore(P, core).x);
}

/** Internal: §IV equilibrium taxes and VP from x* and precomputed loner equilibria x̃^i. */
export function externalityFromLoners(P: Prepared, xstar: number[], loners: number[][]): ExternalityResult {
  const prices = pricesAt(P, xstar);
  const taxes = prices.map((l) => l.reduce((s, v, j) => s + v * (xstar[j] as number), 0));
  const gStar = costsP(P, xstar);
  const users = loners.map((outside, i) => {
    const costIn = gStar[i]! + taxes[i]!;
    const costOut = costsP(P, outside)[i]!;
    // Relative to the terms compared (g_i, t_i, the cost out), never to 1: the verdict is the same in any money unit,
    // and a cost in that is ~0 as a sum of large terms (a tax cancelling g_i) keeps the terms' rounding as slack.
    const scale = Math.max(Math.abs(gStar[i]!), Math.abs(taxes[i]!), Math.abs(costOut));
    return { user: i, tax: taxes[i]!, costIn, costOut, outside, participates: costOut - costIn >= -VP_TOL * scale };
  });
  return {
    x: xstar,
    prices,
    taxes,
    budget: sumExcept(taxes),
    participation: users.map((u) => u.participates),
    users,
    messageGameValid: P.n !== 2,
  };
}

/**
 * Price profiles π with π_{i+1} − π_{i+2} = l_i for all i (cyclic), shifted per component so the
 * smallest entry equals `floor` (> 0 keeps the disagreement penalty of eq. 11 active).
 */
export function pricesToPi(l: readonly number[][], floor: number): number[][] {
  const n = l.length;
  const pi: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i <= n - 2; i++) {
    const from = pi[(i + 1) % n]!;
    const to = pi[(i + 2) % n]!;
    const li = l[i]!;
    for (let j = 0; j < n; j++) to[j] = from[j]! - li[j]!;
  }
  for (let j = 0; j < n; j++) {
    let mn = Infinity;
    for (let k = 0; k < n; k++) mn = Math.min(mn, pi[k]![j]!);
    for (let k = 0; k < n; k++) pi[k]![j] = pi[k]![j]! - mn + floor;
  }
  return pi;
}
