/**
 * CIP contracts (Eldosouky, Saad, Kamhoua & Kwiat 2015), reconstructed model: public API.
 * See docs/papers/cip.md.
 */
export * from "./model";
export { buildMenuLp, resourceVar, rowFamily, type MenuLpOptions, type MenuRowFamily } from "./menu-lp";
export { diagnoseInfeasibility, type InfeasibilityDiagnosis, type InfeasibilityFamily } from "./diagnose";
export { indifferences, verifyMenu, VERIFY_TOLERANCE, type MenuVerification } from "./verify";
export { designMenu, type DesignMenuOptions, type MenuInfeasible, type MenuResult, type MenuSolution } from "./menu";
export {
  ciProbabilities,
  compareForExclusion,
  criticalityProfile,
  pickExclusion,
  readmissionOrder,
  type CipCi,
  type CriticalityProfile,
} from "./criticality";
export { OVER_BUDGET_RULE, signWithinBudget, type Acceptance, type SignedContract, type SigningResult } from "./signing";
export {
  closeResponses,
  menuForCis,
  pendingResponses,
  respond,
  runAlgorithm1,
  startAlgorithm1,
  type Algorithm1Input,
  type Algorithm1LogEntry,
  type Algorithm1State,
  type Chooser,
  type CiResponse,
  type ResponseMeta,
} from "./algorithm1";
export { bestResponseChooser, truthfulChooser } from "./choosers";
export { equalSplit, type EqualSplit } from "./baseline";
export { expectedPlayedValue, type PlayedExpectation } from "./played";
export {
  ccUtilityVsNumberOfCis,
  ciUtilitiesMenuVsEqual,
  figure1,
  utilityByContract,
  type CisCurveOptions,
  type CisCurvePoint,
  type ContractUtilityRow,
  type FigureData,
  type TypeUtilityRow,
} from "./comparisons";
export { cipSolveInputSchema, solveCipCommand, type CipSolveInput } from "./solve-cli";
