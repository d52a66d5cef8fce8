"use client";
/** Participant UI of the Pivotal mechanism game: one typed component per phase (participate → report → [loner] → results). */
import type { idsPivotal } from "@/lib/games/ids-pivotal";
import { defineGameUi } from "../define-ui";
import { PivotalLoner } from "./PivotalLoner";
import { PivotalParticipate } from "./PivotalParticipate";
import { PivotalReport } from "./PivotalReport";
import { PivotalResults } from "./PivotalResults";

export const idsPivotalUi = defineGameUi<typeof idsPivotal>({
  phases: { participate: PivotalParticipate, report: PivotalReport, loner: PivotalLoner, results: PivotalResults },
});
