/**
 * Every game module the platform can run, by id. Adding a game = adding one line here.
 */
import type { AnyGameModule } from "../core/game";
import { idsInvestment } from "./ids-investment";

export const games: Readonly<Record<string, AnyGameModule>> = {
  [idsInvestment.id]: idsInvestment,
};
