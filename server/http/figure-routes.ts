/**
 * POST /api/admin/treatments/figures {treatment}: the launch check's figures for a treatment (CIP: the
 * control center's utility of the menu and the equal split around the treatment's parameters, its point
 * marked), each as server-rendered SVG plus the table behind it. Other games answer with no figures.
 * Computed in the solver pool's worker thread when the app has one (server/figures/launch-job.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { LAUNCH_JOB_MODULE, launchFigureViews, type LaunchFiguresResult } from "../figures/launch-job";
import type { SessionManager } from "../sessions/manager";
import { readJson, sendJson } from "./respond";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export async function launchFiguresRoute(req: IncomingMessage, res: ServerResponse, manager: SessionManager): Promise<void> {
  const body = await readJson(req);
  const treatment = isRecord(body) && "treatment" in body ? body.treatment : body;
  const pool = manager.solver;
  let r: LaunchFiguresResult;
  try {
    r = pool ? ((await pool.run(LAUNCH_JOB_MODULE, "launchFigureViews", treatment)) as LaunchFiguresResult) : await launchFigureViews(treatment);
  } catch (e) {
    // a worker that died or a pool that closed: draw them here instead
    console.error("launch figures in the solver pool failed:", e instanceof Error ? e.message : e);
    r = await launchFigureViews(treatment);
  }
  return sendJson(res, 200, r);
}
