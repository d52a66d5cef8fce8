/**
 * Public API of the IDS mechanism core (Naghizadeh & Liu): model (eq. 1), social optimum (eq. 2),
 * unregulated Nash equilibrium, and the Pivotal (eq. 6, eq. 9) and Externality (eq. 10–13)
 * mechanisms.
 */
export * from "./model";
export { socialOptimum, type SocialOptimumOptions, type SocialOptimumResult } from "./social-optimum";
export { bestResponse, nashEquilibrium, type NashOptions, type NashResult } from "./nash";
export { randomIdsInstance, type RandomIdsOptions } from "./random";
export { pivotalFullInfo, pivotalTaxes, lonerEquilibria, type PivotalResult, type PivotalUser } from "./pivotal";
export {
  externalityEquilibriumTaxes,
  externalityMechanism,
  externalityOutcome,
  externalityTaxes,
  externalityUserCost,
  type ExternalityMessage,
  type ExternalityResult,
  type ExternalityTaxResult,
  type ExternalityTaxTerms,
} from "./externality";
export {
  adaptiveExternalityMessage,
  externalityEquilibriumMessages,
  type AdaptiveOptions,
  type ExternalityEquilibrium,
} from "./externality-bots";
export { idsReport, type IdsReport, type IdsRole } from "./report";
export { solveIdsCommand, idsSolveInputSchema } from "./solve-cli";
export {
  bestResponseToProtection,
  distance,
  protectionFromOthers,
  unregulatedBenchmarks,
  unregulatedOutcome,
  userCostAt,
  type UnregulatedBenchmarks,
  type UnregulatedOutcome,
} from "./unregulated";
