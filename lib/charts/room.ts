/**
 * The charts as the room may see them (projector): aggregates that tell nobody in the room another
 * person's private values or choices. After the session every chart is shown (the debrief). While play
 * goes on:
 * - with fewer than ROOM_MIN_GROUPS groups in the round on display, no chart: a mean over one group's
 *   members (or a group's welfare, a total, a rate) is that group's own number, from which a member works
 *   out the others' hidden choices and types (a review found, e.g., a Defender's coverage and payoffs, a CI
 *   owner's type, an Externality user's cost recovered exactly from the room's screen);
 * - with more, only what was played, captioned by what is drawn (`descriptionPlayed`): theory lines are computed from the groups' true types (an
 *   equilibrium, the control center's counterfactual utility), which are private in every game, and
 *   charts broken down by private type wait for the end;
 * - a spread band over fewer than ROOM_MIN_SPREAD values would show (nearly) individual values: dropped.
 * The monitor (the experimenter's) shows everything live.
 */
import type { Chart } from "./types";

/** Fewest values a spread band on the projector may summarise. */
export const ROOM_MIN_SPREAD = 5;
/** Fewest groups whose rounds the projector charts while play goes on. */
export const ROOM_MIN_GROUPS = 5;

/** Why the room's charts are held back during play, or null when they are shown (see the file comment). */
export type RoomChartsHeld = "fewGroups" | "theoryAfter" | null;

export function roomChartsHeld(sessionOver: boolean, groups: number): RoomChartsHeld {
  if (sessionOver) return null;
  return groups < ROOM_MIN_GROUPS ? "fewGroups" : "theoryAfter";
}

/** The charts the room sees, held back as `held` (`roomChartsHeld`) says. */
export function roomCharts(charts: readonly Chart[], held: RoomChartsHeld): Chart[] {
  if (held === "fewGroups") return [];
  return charts
    .filter((c) => held === null || !c.byPrivateType)
    .map(({ descriptionPlayed, ...c }) => ({
      ...c,
      // while the theory lines wait, the caption says what is drawn (not the lines to come)
      description: held === null ? c.description : (descriptionPlayed ?? c.description),
      series: c.series
        .filter((s) => held === null || s.role === "played")
        .map((s) => ({
          ...s,
          points: s.points.map((p) => {
            if (p.lo === undefined && p.hi === undefined) return p;
            const { lo, hi, ...rest } = p;
            return (p.n ?? 0) >= ROOM_MIN_SPREAD ? { ...rest, lo: lo ?? null, hi: hi ?? null } : rest;
          }),
        })),
    }))
    .filter((c) => c.series.length > 0);
}
