/**
 * Game modules of this family, listed in lib/games/registry.ts. Owned by the family's module authors.
 */
import type { AnyGameModule } from "../core/game";
import { idsExternality } from "./ids-externality";
import { idsPivotal } from "./ids-pivotal";

export const idsMechanismGames: AnyGameModule[] = [idsPivotal, idsExternality];
