"use client";
/** Participant UI of the CIP contract game: offer (→ re-offers) → results, one typed component per phase. */
import type { cipContracts } from "@/lib/games/cip-contracts";
import { defineGameUi } from "../define-ui";
import { CipOffer } from "./CipOffer";
import { CipResults } from "./CipResults";

export const cipContractsUi = defineGameUi<typeof cipContracts>({ phases: { offer: CipOffer, results: CipResults } });
