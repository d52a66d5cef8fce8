"use client";
/** Decide phase: report payoffs to the coordinator (coalition members) or allocate own patrols (everyone else). */
import type { ssgDefense } from "@/lib/games/ssg-defense";
import type { PhaseProps } from "../define-ui";
import { SsgAllocate } from "./SsgAllocate";
import { SsgReport } from "./SsgReport";

export function SsgDecide(props: PhaseProps<typeof ssgDefense, "decide">) {
  return props.v.task === "report" ? <SsgReport {...props} /> : <SsgAllocate {...props} />;
}
