/**
 * The charts as the room may see them (projector): aggregates only. A spread band over fewer than
 * ROOM_MIN_SPREAD values would show (nearly) individual values, so it is dropped; charts broken down by
 * private types wait until the session is over.
 */
import type { Chart } from "./types";

/** Fewest values a spread band on the projector may summarise. */
export const ROOM_MIN_SPREAD = 5;

export function roomCharts(charts: readonly Chart[], sessionOver: boolean): Chart[] {
  return charts
    .filter((c) => sessionOver || !c.byPrivateType)
    .map((c) => ({
      ...c,
      series: c.series.map((s) => ({
        ...s,
        points: s.points.map((p) => {
          if (p.lo === undefined && p.hi === undefined) return p;
          const { lo, hi, ...rest } = p;
          return (p.n ?? 0) >= ROOM_MIN_SPREAD ? { ...rest, lo: lo ?? null, hi: hi ?? null } : rest;
        }),
      })),
    }));
}
