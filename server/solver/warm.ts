/**
 * Precompute every solve a treatment needs, off the event loop: a worker validates the treatment
 * (which runs its games' solves, e.g. the SSG's certified NSE, CSW-Max and the mechanism on the true
 * payoffs) and sends the games' solve memos (lib/games/solve-memo.ts) back; the main thread adds them
 * to its own memos, so its validation and every later round, view and bot read them without solving.
 * The values are what the same code computes on the main thread, so the recorded data are identical.
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { solveMemos } from "../../lib/games/solve-memo";
import type { SolverPool } from "./pool";

const SELF = fileURLToPath(import.meta.url);

/** Worker side: validate (solving everything) and return every game's memo snapshot. */
export function warmTreatment(raw: unknown): { memos: Record<string, unknown> } {
  loadTreatment(raw, games);
  return { memos: Object.fromEntries(Object.entries(solveMemos).map(([id, m]) => [id, m.snapshot()])) };
}

const Warmed = z.strictObject({ memos: z.record(z.string(), z.unknown()) });

/** Main thread: run {@link warmTreatment} in the pool and restore the memos; returns the games restored. */
export async function warmInPool(pool: SolverPool, raw: unknown): Promise<string[]> {
  const out = Warmed.parse(await pool.run(SELF, "warmTreatment", raw));
  const restored: string[] = [];
  for (const [id, snap] of Object.entries(out.memos)) if (Object.hasOwn(solveMemos, id) && solveMemos[id]?.restore(snap)) restored.push(id);
  return restored;
}
