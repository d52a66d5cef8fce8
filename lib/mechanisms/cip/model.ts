/**
 * The contract-theoretic critical-infrastructure-protection (CIP) model of Eldosouky, Saad, Kamhoua
 * & Kwiat (GLOBECOM 2015), as RECONSTRUCTED in docs/papers/cip.md (the paper's equations
 * were lost). See docs/papers/cip.md for the formulas and every interpretation made here.
 *
 * Pure: no I/O, no clocks, no randomness.
 */

/** One CI type: vulnerability θ (integer), criticality sub-type φ ∈ [0,1), combined τ = θ + φ. */
export interface CipType {
  /** Vulnerability level θ, an integer. */
  theta: number;
  /** Criticality sub-type φ ∈ [0, 1); never outweighs vulnerability. */
  phi: number;
  /** Population probability p_k that a CI is of this type (the types' probabilities sum to 1). */
  probability: number;
  /** Minimum resources r_min(θ) needed to protect a CI of this vulnerability level. */
  minResources: number;
  /** Reward rate ρ_k: the CI pays π = ρ_k · r. Strictly increasing in the type. */
  rewardRate: number;
}

/**
 * How the optimal-menu LP weights the types (see docs/papers/cip.md):
 * - "slot": α_k = p_k, β_k = n/K (β_k = 1 when the n CIs fill the K type slots, as in the paper);
 * - "expected": α_k = β_k = expected number of CIs of type k among the n served.
 */
export type CipWeighting = "slot" | "expected";

/** The economic parameters shared by all types. */
export interface CipParams {
  /** Evaluation rate a: a CI values r resources at a·r (paper's simulation: a = 2). */
  evaluationRate: number;
  /** Unit cost c ∈ (0,1) of paying one unit of reward. */
  paymentCost: number;
}

/** A complete CIP instance: the types in strictly increasing τ order, parameters and budget R. */
export interface CipInstance extends CipParams {
  /** Types sorted by strictly increasing τ = θ + φ (lexicographic (θ, φ)). */
  types: readonly CipType[];
  /** Total resources R of the control center. */
  resources: number;
  /** LP weighting; see {@link CipWeighting}. */
  weighting: CipWeighting;
  /** Restrict every r_k to integers (e.g. personnel). Default false. */
  integerResources?: boolean;
  /**
   * Budget row: "exact" Σβr = R (the paper) or "atMost" Σβr ≤ R. Default: "exact" for continuous
   * resources, "atMost" for integer resources (an exact weighted sum of integers is usually
   * unattainable when the weights β are fractional).
   */
  budget?: "exact" | "atMost";
}

/** The budget relation actually used for `instance` (see {@link CipInstance.budget}). */
export function budgetMode(instance: CipInstance): "exact" | "atMost" {
  return instance.budget ?? (instance.integerResources === true ? "atMost" : "exact");
}

/** A contract (r, π): resources sent by the CC and the reward paid back by the CI. */
export interface Contract {
  resources: number;
  reward: number;
}

/** Per-type LP weights: α_k in the objective, β_k in the budget row; n = number of CIs served. */
export interface MenuWeights {
  alpha: number[];
  beta: number[];
  numberOfCis: number;
}

/** A problem with an instance, with the JSON-ish path of the offending field. */
export interface InstanceProblem {
  path: (string | number)[];
  message: string;
}

/** Combined type τ = θ + φ (lexicographic order on (θ, φ) because φ ∈ [0,1)). */
export function tau(type: CipType): number {
  return type.theta + type.phi;
}

/** Lexicographic comparison of two types on (θ, φ): negative, zero or positive. */
export function compareTypes(a: CipType, b: CipType): number {
  return a.theta !== b.theta ? a.theta - b.theta : a.phi - b.phi;
}

/** The contract a type's reward rate attaches to r resources: (r, ρ_k·r). */
export function contractFor(type: CipType, resources: number): Contract {
  return { resources, reward: type.rewardRate * resources };
}

/** CI utility of a CI of `type` taking `contract`: U_CI = τ·a·r − c·π. */
export function ciUtility(type: CipType, contract: Contract, params: CipParams): number {
  return tau(type) * params.evaluationRate * contract.resources - params.paymentCost * contract.reward;
}

/** CC utility from a CI of `type` on `contract`: U_CC = τ·(π − r). */
export function ccUtility(type: CipType, contract: Contract): number {
  return tau(type) * (contract.reward - contract.resources);
}

/** Utility matrix: entry [k][j] is the utility of a CI of true type k taking contract j. */
export function utilityMatrix(
  types: readonly CipType[],
  contracts: readonly Contract[],
  params: CipParams,
): number[][] {
  return types.map((t) => contracts.map((c) => ciUtility(t, c, params)));
}

/** Helper: element i of an array that is known to be long enough (noUncheckedIndexedAccess). */
export function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range (length ${items.length})`);
  return v;
}

/**
 * LP weights for n CIs that all follow the population probabilities.
 * slot: α = p, β = n/K; expected: α = β = n·p. `numberOfCis` defaults to K (one CI per type slot).
 */
export function populationWeights(instance: CipInstance, numberOfCis?: number): MenuWeights {
  const k = instance.types.length;
  const n = numberOfCis ?? k;
  const p = instance.types.map((t) => t.probability);
  if (instance.weighting === "slot") {
    return { alpha: p, beta: p.map(() => n / k), numberOfCis: n };
  }
  return { alpha: p.map((x) => n * x), beta: p.map((x) => n * x), numberOfCis: n };
}

/**
 * LP weights for a concrete set of CIs, each with its own probability vector over the K types.
 * slot: α_k = mean_i p_ik, β_k = n/K; expected: α_k = β_k = Σ_i p_ik.
 */
export function ciWeights(instance: CipInstance, probabilities: readonly (readonly number[])[]): MenuWeights {
  const k = instance.types.length;
  const n = probabilities.length;
  const sums = instance.types.map((_, j) => probabilities.reduce((s, row) => s + at(row, j), 0));
  if (instance.weighting === "slot") {
    return { alpha: sums.map((s) => (n > 0 ? s / n : 0)), beta: sums.map(() => n / k), numberOfCis: n };
  }
  return { alpha: sums, beta: sums.slice(), numberOfCis: n };
}

/** A sum of probabilities for a message: 12 significant digits, so 0.3 + 0.3 + 0.3 + 0.2 reads 1.1, not 1.0999999999999999. */
export function readableSum(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

const isFiniteNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/**
 * Field-by-field checks: 0 < c < 1, a > 0, R ≥ 0, θ integer, φ ∈ [0,1), p ∈ [0,1], r_min ≥ 0.
 */
export function fieldProblems(instance: CipInstance): InstanceProblem[] {
  const out: InstanceProblem[] = [];
  if (instance.types.length === 0) out.push({ path: ["types"], message: "must list at least one type" });
  if (!isFiniteNumber(instance.evaluationRate) || instance.evaluationRate <= 0)
    out.push({ path: ["evaluationRate"], message: "must be above 0" });
  if (!isFiniteNumber(instance.paymentCost) || instance.paymentCost <= 0)
    out.push({ path: ["paymentCost"], message: "must be above 0" });
  else if (instance.paymentCost >= 1) out.push({ path: ["paymentCost"], message: "must be below 1" });
  if (!isFiniteNumber(instance.resources) || instance.resources < 0)
    out.push({ path: ["resources"], message: "must be at least 0" });
  instance.types.forEach((t, i) => {
    if (!Number.isInteger(t.theta)) out.push({ path: ["types", i, "theta"], message: "must be an integer" });
    if (!(t.phi >= 0 && t.phi < 1)) out.push({ path: ["types", i, "phi"], message: "must be in [0, 1)" });
    if (!(t.probability >= 0 && t.probability <= 1))
      out.push({ path: ["types", i, "probability"], message: "must be in [0, 1]" });
    if (!(t.minResources >= 0)) out.push({ path: ["types", i, "minResources"], message: "must be at least 0" });
    if (!isFiniteNumber(t.rewardRate)) out.push({ path: ["types", i, "rewardRate"], message: "must be a number" });
  });
  return out;
}

/**
 * Cross-field checks (the ones a field-by-field schema cannot do): τ strictly increasing, ρ strictly
 * increasing, r_min equal for equal θ, probabilities summing to 1 (±1e-6).
 */
export function crossFieldProblems(instance: CipInstance): InstanceProblem[] {
  const out: InstanceProblem[] = [];
  const { types } = instance;
  types.forEach((t, i) => {
    if (i === 0) return;
    const prev = at(types, i - 1);
    if (compareTypes(t, prev) <= 0)
      out.push({
        path: ["types", i],
        message: `must come after types[${i - 1}] in (theta, phi) order (strictly increasing)`,
      });
    if (!(t.rewardRate > prev.rewardRate))
      out.push({ path: ["types", i, "rewardRate"], message: `must be larger than types[${i - 1}].rewardRate` });
    const same = types.findIndex((u) => u.theta === t.theta);
    if (same < i && at(types, same).minResources !== t.minResources)
      out.push({
        path: ["types", i, "minResources"],
        message: `must equal types[${same}].minResources (same theta: r_min depends on theta only)`,
      });
  });
  const total = types.reduce((s, t) => s + t.probability, 0);
  if (types.length > 0 && Math.abs(total - 1) > 1e-6)
    out.push({ path: ["types"], message: `probabilities must sum to 1 (they sum to ${readableSum(total)})` });
  return out;
}

/** Every problem of an instance ({@link fieldProblems} then {@link crossFieldProblems}); empty when usable. */
export function instanceProblems(instance: CipInstance): InstanceProblem[] {
  return [...fieldProblems(instance), ...crossFieldProblems(instance)];
}

/** Format an instance problem as "types[1].rewardRate must be …". */
export function formatProblem(p: InstanceProblem): string {
  const path = p.path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
  return path ? `${path} ${p.message}` : p.message;
}

/** Throw a RangeError listing every problem, if the instance is not usable. */
export function assertInstance(instance: CipInstance): void {
  const problems = instanceProblems(instance);
  if (problems.length > 0) throw new RangeError(`invalid CIP instance: ${problems.map(formatProblem).join("; ")}`);
}
