/**
 * POST /api/admin/treatments/figures {treatment}: the launch check's figures for a treatment (CIP: the
 * control center's utility of the menu and the equal split around the treatment's parameters, its point
 * marked), each as server-rendered SVG plus the table behind it. Other games answer with no figures.
 * Computed in a worker thread of their own when the app has one (server/figures/launch-job.ts), with a
 * deadline: a treatment whose figures take longer (e.g. a CIP sweep of integer programs over large
 * resources) gets a message instead, and neither the sessions' solves nor the event loop wait for it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { LAUNCH_JOB_MODULE, launchFigureViews, type LaunchFiguresResult } from "../figures/launch-job";
import type { SessionManager } from "../sessions/manager";
import { SolverTimeoutError } from "../solver/pool";
import { readJson, sendJson } from "./respond";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export async function launchFiguresRoute(req: IncomingMessage, res: ServerResponse, manager: SessionManager): Promise<void> {
  const body = await readJson(req);
  const treatment = isRecord(body) && "treatment" in body ? body.treatment : body;
  const figures = manager.figures;
  let r: LaunchFiguresResult;
  try {
    r = figures
      ? ((await figures.pool.run(LAUNCH_JOB_MODULE, "launchFigureViews", treatment, { timeoutMs: figures.timeoutMs })) as LaunchFiguresResult)
      : await launchFigureViews(treatment);
  } catch (e) {
    // never drawn again on the event loop: what was too slow or crashed a worker would stall every session
    if (e instanceof SolverTimeoutError)
      return sendJson(res, 422, {
        ok: false,
        error: {
          code: "figures/too_slow",
          message: `they take longer than ${e.timeoutMs / 1000} s to draw for this treatment, so they were left out. The treatment itself is checked above: the session can be created.`,
        },
      });
    const why = e instanceof Error ? e.message : String(e);
    return sendJson(res, 503, { ok: false, error: { code: "figures/unavailable", message: `${why}. The session can still be created.` } });
  }
  return sendJson(res, 200, r);
}
