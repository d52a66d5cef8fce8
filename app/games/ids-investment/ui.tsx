"use client";
/** Participant UI of the IDS investment game: one typed component per phase. */
import type { idsInvestment } from "@/lib/games/ids-investment";
import { defineGameUi } from "../define-ui";
import { IdsDecide } from "./IdsDecide";
import { IdsResults } from "./IdsResults";

export const idsInvestmentUi = defineGameUi<typeof idsInvestment>({ phases: { decide: IdsDecide, results: IdsResults } });
