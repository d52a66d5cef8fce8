/**
 * Message-level tools for the Externality mechanism (§IV): the equilibrium message profile m*
 * (everyone proposes x*, prices satisfy π_{i+1} − π_{i+2} = l_i* of eq. 13) and an adaptive bot
 * that moves towards its best reply, the iterative interpretation of the Nash equilibrium that
 * §V mentions (each user adjusts to what it observes until deviations no longer pay).
 */
import { IdsInputError, IdsSolverError, prepare, type IdsInstance, type Prepared } from "./model";
import { minimizeExpSum } from "./optimizer";
import { solveSocial } from "./social-optimum";
import { pricesAt, pricesToPi, validateMessages, type ExternalityMessage } from "./externality";

/** Result of `externalityEquilibriumMessages`. */
export interface ExternalityEquilibrium {
  messages: ExternalityMessage[];
  /** x* (eq. 2) = x̂(m*). */
  x: number[];
  /** l_i* (eq. 13). */
  prices: number[][];
}

/** Default price floor: 1% of the largest |l_ij| (at least 1e-6); see docs/papers/ids.md. */
function defaultFloor(l: readonly number[][]): number {
  let m = 0;
  for (const row of l) for (const v of row) m = Math.max(m, Math.abs(v));
  return Math.max(0.01 * m, 1e-6);
}

/**
 * An equilibrium message profile m* of the Externality game (§IV-A/B): every user proposes x*
 * and π_i with π_{i+1} − π_{i+2} = l_i* (eq. 12–13), all π_ij >= floor (default: max |l*|).
 * At m*, x̂ = x*, the penalty and redistribution terms of eq. 11 vanish and t̂_i = l_i*ᵀ x*.
 */
export function externalityEquilibriumMessages(inst: IdsInstance, opts: { priceFloor?: number } = {}): ExternalityEquilibrium {
  const P = prepare(inst);
  if (P.n === 2) {
    throw new IdsInputError(
      "the Externality message game (eq. 11) needs N >= 3: with N = 2, π_{i+2} = π_i enters user i's own Lindahl term and no equilibrium exists",
    );
  }
  const all = [...Array(P.n).keys()];
  const x = solveSocial(P, all, all, null, null).x;
  const prices = pricesAt(P, x);
  const pi = pricesToPi(prices, opts.priceFloor ?? defaultFloor(prices));
  return { messages: pi.map((p) => ({ x: x.slice(), pi: p })), x, prices };
}

/**
 * User i's best proposal x_i given everyone else's messages and its own price π_i (eq. 11):
 * minimises f_i(x̂) + h_i(x̂_i) + (π_{i+1} − π_{i+2})ᵀ x̂ + (x_i − x_{i+1})ᵀ diag(π_i)(x_i − x_{i+1})
 * over proposals keeping x̂ >= 0. Written in z = x̂ this is one exponential plus a separable
 * quadratic, solved exactly with the certified projected-Newton solver. Needs a strictly positive
 * curvature in every direction where the price would make the cost unbounded (π_ij > 0 suffices).
 */
export function externalityBestProposal(
  P: Prepared,
  i: number,
  messages: readonly ExternalityMessage[],
  pi: readonly number[],
): number[] {
  const N = P.n;
  const next = messages[(i + 1) % N]!;
  const l = messages[(i + 1) % N]!.pi.map((v, j) => v - messages[(i + 2) % N]!.pi[j]!);
  const S = new Float64Array(N);
  messages.forEach((m, k) => {
    if (k !== i) for (let j = 0; j < N; j++) S[j] = S[j]! + m.x[j]!;
  });
  // x_i = N z − S;  π_ij (x_ij − x_{i+1,j})² = π_ij N² (z_j − a_j)²,  a_j = (S_j + x_{i+1,j}) / N.
  const p = new Float64Array(N);
  const r = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const a = (S[j]! + next.x[j]!) / N;
    const w = 2 * pi[j]! * N * N;
    r[j] = w + (j === i ? P.q[i]! : 0);
    p[j] = l[j]! + (j === i ? P.c[i]! : 0) - w * a;
    if (r[j] === 0 && p[j]! <= 0 && (P.W[i * N + j]! > 0 || p[j]! < 0)) {
      throw new IdsInputError(`best proposal of user ${i} is unbounded: set pi[${j}] > 0`);
    }
  }
  const A = new Float64Array(N);
  for (let j = 0; j < N; j++) A[j] = P.W[i * N + j]!;
  const res = minimizeExpSum({ m: 1, n: N, A, a: Float64Array.of(P.alpha[i]!), b: new Float64Array(1), c: p, q: r }, new Float64Array(N));
  if (!(res.residual <= 1e-9)) {
    throw new IdsSolverError(`best proposal of user ${i}: relative KKT residual ${res.residual.toExponential(3)} not certified`);
  }
  return Array.from(res.z, (z, j) => N * z - S[j]!);
}

/** Options for `adaptiveExternalityMessage`. */
export interface AdaptiveOptions {
  /** Fraction of the way to move towards the target message (default 0.5). */
  step?: number;
  /** Lower bound on proposed prices (default: max |l_ij| at the current outcome, at least 1e-6). */
  priceFloor?: number;
}

/**
 * One adaptive-bot move for user i (§V's iterative interpretation). Given the current messages:
 *  - price: user i's π_i only sets the price user i−1 pays, l_{i−1} = π_i − π_{i+1}; the bot aims
 *    it at user i−1's marginal-externality price at the current outcome (eq. 13 at x̂), i.e.
 *    target π_i = π_{i+1} + l_{i−1}(x̂), floored at `priceFloor` (full information, as in §IV);
 *  - proposal: the exact best proposal given the others' messages and the new π_i
 *    (`externalityBestProposal`).
 * Returns m_i + step·(target − m_i). At the equilibrium profile m* this is a fixed point.
 */
export function adaptiveExternalityMessage(
  inst: IdsInstance,
  i: number,
  messages: readonly ExternalityMessage[],
  opts: AdaptiveOptions = {},
): ExternalityMessage {
  const P = prepare(inst);
  const N = validateMessages(messages, P.n);
  if (!Number.isInteger(i) || i < 0 || i >= N) throw new IdsInputError(`user ${i} out of range`);
  const step = opts.step ?? 0.5;
  if (!(step > 0 && step <= 1)) throw new IdsInputError("step must be in (0, 1]");
  const xhat = new Array<number>(N).fill(0);
  for (const m of messages) for (let j = 0; j < N; j++) xhat[j] = xhat[j]! + m.x[j]! / N;
  const l = pricesAt(P, xhat.map((v) => Math.max(0, v)));
  const floor = opts.priceFloor ?? defaultFloor(l);
  const target = pricesToPi(l, floor)[i]!;
  const mine = messages[i]!;
  const pi = mine.pi.map((v, j) => v + step * (target[j]! - v));
  const best = externalityBestProposal(P, i, messages, pi);
  return { x: mine.x.map((v, j) => v + step * (best[j]! - v)), pi };
}
