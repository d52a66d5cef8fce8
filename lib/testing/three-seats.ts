/**
 * The small session the seat tests use (claims, freeing seats, leaving in the intro): one IDS group of 3,
 * one round, with whatever else the test's treatment sets (`intro`, `completionUrl`, …).
 */
import { games } from "../games/registry";
import { loadTreatment, type LoadedTreatment } from "../engine/treatment";

export const THREE_SEAT_PARAMS = { alpha: [10, 10, 10], W: [[1, 0.4, 0.4], [0.4, 1, 0.4], [0.4, 0.4, 1]], c: [1, 1, 1], rounds: 1 };

export function threeSeatTreatment(more: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment({ name: "t", game: "ids-investment", params: THREE_SEAT_PARAMS, ...more }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}
