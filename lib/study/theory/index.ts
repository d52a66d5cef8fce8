/**
 * The launch check's theory modules, by game id. A game without one gets the benchmarks of its live
 * monitor for round 1 (lib/study/launch-check.ts). Each module reads the mechanism cores through the
 * game's own memoised benchmarks, so the check shows the numbers the monitor will compare play with.
 */
import type { CipGameParams } from "../../games/cip-contracts/params";
import type { IdsParams } from "../../games/ids-investment/params";
import type { ExternalityParams } from "../../games/ids-externality/params";
import type { PivotalParams } from "../../games/ids-pivotal/params";
import type { SsgParams } from "../../games/ssg-defense/params";
import { cipTheory } from "./cip";
import { idsExternalityTheory, idsInvestmentTheory, idsPivotalTheory } from "./ids";
import type { Theory } from "./section";
import { ssgTheory } from "./ssg";

export type { LaunchSection, Theory } from "./section";

/** Theory of a treatment from its parsed params (the game's zod schema has checked them). */
export const theories: Readonly<Record<string, (params: unknown) => Theory>> = {
  "ids-investment": (p) => idsInvestmentTheory(p as IdsParams),
  "ids-pivotal": (p) => idsPivotalTheory(p as PivotalParams),
  "ids-externality": (p) => idsExternalityTheory(p as ExternalityParams, (p as ExternalityParams).start),
  "ssg-defense": (p) => ssgTheory(p as SsgParams),
  "cip-contracts": (p) => cipTheory(p as CipGameParams),
};
