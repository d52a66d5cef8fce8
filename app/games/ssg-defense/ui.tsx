"use client";
/** Participant UI of the multi-defender security game: one typed component per phase (join → decide → follow → results). */
import type { ssgDefense } from "@/lib/games/ssg-defense";
import { defineGameUi } from "../define-ui";
import { SsgDecide } from "./SsgDecide";
import { SsgFollow } from "./SsgFollow";
import { SsgJoin } from "./SsgJoin";
import { SsgResults } from "./SsgResults";

export const ssgDefenseUi = defineGameUi<typeof ssgDefense>({ phases: { join: SsgJoin, decide: SsgDecide, follow: SsgFollow, results: SsgResults } });
