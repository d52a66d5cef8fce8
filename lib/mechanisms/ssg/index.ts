/**
 * Public API of the multi-defender Stackelberg security game mechanisms of Gan, Elkind, Kraus &
 * Wooldridge, "Mechanism Design for Defense Coordination in Security Games" (AAMAS 2020).
 * Algorithms, tie-breaking and selection rules, and discrepancies with the paper: docs/papers/ssg.md.
 */
export {
  assertValidInstance,
  attackerUtility,
  combineCoverage,
  coverageForLevel,
  defenderUtilities,
  defenderUtility,
  decimalDifference,
  gapAtLeast,
  isNonOverlapping,
  nonOverlappingType,
  normalizedInstance,
  payoffRangeProblems,
  SSG_MAX_ABS_PAYOFF,
  SSG_MIN_RELATIVE_GAP,
  numTargets,
  payoffScale,
  totalResources,
  validateInstance,
  welfare,
  type SsgAttacker,
  type SsgDefender,
  type SsgInstance,
  type SsgOutcome,
} from "./model";
export { attackerLevel, bestResponseSet, defaultBrTolerance, isBestResponse, pessimisticTarget, pessimisticValue, playTarget } from "./attacker";
export { allocationMarginals, decomposeCoverage, sampleAllocation, type WeightedAllocation } from "./sampling";
export { checkNseCertificate, type CertificateReport, type CertificateTolerances, type NseProfile } from "./certificate";
export { NseNotFoundError, solveNse, trySolveNse, type Nse } from "./nse";
export { bestPessimisticDeviation, nseDeviationMargins, EXHAUSTIVE_MAX_TARGETS, type DeviationWitness } from "./deviation";
export { buildLpT, maxCoverageAt, paretoDominator, solveLpT, solveLpTSimplex, type LpTSolution } from "./lp-t";
export {
  cswMax,
  cswMaxFull,
  cswMaxNse,
  defaultDictator,
  dictatorship,
  type CswMaxNseOutcome,
  type CswMaxOutcome,
  type MechanismOutcome,
  type OutcomeChecks,
} from "./csw-max";
export {
  checkIndividualRationality,
  decomposeJoint,
  jointFromProfile,
  jointMarginals,
  modificationGain,
  sampleRecommendation,
  type JointAllocation,
} from "./recommendation";
export { solveSsgCommand, ssgSolveInputSchema, SSG_MAX_DEFENDERS, SSG_MAX_TARGETS } from "./solve-cli";
