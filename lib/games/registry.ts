/**
 * Every game module the platform can run, by id. A new family adds its list here (one line);
 * each family keeps its own list in `<family>-registry.ts`.
 */
import type { AnyGameModule } from "../core/game";
import { cipGames } from "./cip-registry";
import { idsInvestment } from "./ids-investment";
import { idsMechanismGames } from "./ids-mechanisms-registry";
import { ssgGames } from "./ssg-registry";

const all: AnyGameModule[] = [idsInvestment, ...idsMechanismGames, ...ssgGames, ...cipGames];

export const games: Readonly<Record<string, AnyGameModule>> = Object.fromEntries(all.map((g) => [g.id, g]));
