/**
 * Game modules of this family, listed in lib/games/registry.ts. Owned by the family's module authors.
 */
import type { AnyGameModule } from "../core/game";
import { ssgDefense } from "./ssg-defense";

export const ssgGames: AnyGameModule[] = [ssgDefense];
