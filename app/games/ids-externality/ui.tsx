"use client";
/** Participant UI of the Externality mechanism game: one typed component per phase (message → results). */
import type { idsExternality } from "@/lib/games/ids-externality";
import { defineGameUi } from "../define-ui";
import { ExternalityMessageForm } from "./ExternalityMessage";
import { ExternalityResults } from "./ExternalityResults";

export const idsExternalityUi = defineGameUi<typeof idsExternality>({ phases: { message: ExternalityMessageForm, results: ExternalityResults } });
