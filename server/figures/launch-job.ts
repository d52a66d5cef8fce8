/**
 * The launch check's figures for a raw treatment, ready for the admin page: computed and drawn in one
 * call that the solver pool's worker thread can run (server/solver), so a slow sweep (integer resources
 * solve an integer program per point) never holds up the live sessions on the event loop.
 */
import { fileURLToPath } from "node:url";
import { loadTreatment } from "../../lib/engine";
import { figureCsvColumns } from "../../lib/figures/figure";
import { launchFigures } from "../../lib/figures/launch";
import type { LaunchFigureView } from "../../lib/figures/launch-games";
import { games } from "../../lib/games/registry";
import { figureSvg } from "./write";

/** This module's path, for SolverPool.run. */
export const LAUNCH_JOB_MODULE = fileURLToPath(import.meta.url);

export type LaunchFiguresResult = { ok: true; figures: LaunchFigureView[] } | { ok: false; errors: string[] };

/** Validates `treatment` (object or JSON text) and draws its launch-check figures. */
export async function launchFigureViews(treatment: unknown): Promise<LaunchFiguresResult> {
  const lt = loadTreatment(treatment, games);
  if (!lt.ok) return { ok: false, errors: lt.errors };
  const figures: LaunchFigureView[] = [];
  for (const f of launchFigures(lt.value)) {
    const columns = figureCsvColumns(f);
    figures.push({ id: f.id, title: f.title, caption: f.caption, svg: await figureSvg(f), columns, rows: f.rows.map((r) => columns.map((c) => r[c] ?? null)), marker: f.marker ?? null });
  }
  return { ok: true, figures };
}
