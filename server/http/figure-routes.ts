/**
 * POST /api/admin/treatments/figures {treatment}: the launch check's figures for a treatment (CIP: the
 * control center's utility of the menu and the equal split around the treatment's parameters, its point
 * marked), each as server-rendered SVG plus the table behind it. Other games answer with no figures.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { loadTreatment } from "../../lib/engine";
import { figureCsvColumns } from "../../lib/figures/figure";
import { launchFigures } from "../../lib/figures/launch";
import type { LaunchFigureView } from "../../lib/figures/launch-games";
import { games } from "../../lib/games/registry";
import { figureSvg } from "../figures/write";
import { readJson, sendJson } from "./respond";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export async function launchFiguresRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const lt = loadTreatment(isRecord(body) && "treatment" in body ? body.treatment : body, games);
  if (!lt.ok) return sendJson(res, 200, { ok: false, errors: lt.errors });
  const figures: LaunchFigureView[] = [];
  for (const f of launchFigures(lt.value)) {
    const columns = figureCsvColumns(f);
    figures.push({ id: f.id, title: f.title, caption: f.caption, svg: await figureSvg(f), columns, rows: f.rows.map((r) => columns.map((c) => r[c] ?? null)), marker: f.marker ?? null });
  }
  return sendJson(res, 200, { ok: true, figures });
}
