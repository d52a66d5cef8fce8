/**
 * Game modules of this family, listed in lib/games/registry.ts. Owned by the family's module authors.
 */
import type { AnyGameModule } from "../core/game";
import { cipContracts } from "./cip-contracts";

export const cipGames: AnyGameModule[] = [cipContracts];
