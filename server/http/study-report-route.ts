/** GET /api/admin/export/study-report.html?sessions=id1,id2 | ?treatment=name: the study report (server/export/study-report.ts). */
import type { ServerResponse } from "node:http";
import { noSessionChosen } from "../export/study";
import { STUDY_REPORT_MAX_SESSIONS, studyReportHtml } from "../export/study-report";
import type { SessionManager } from "../sessions/manager";
import { sendFile, sendJson } from "./respond";

const invalid = (res: ServerResponse, message: string) => sendJson(res, 400, { ok: false, error: { code: "action/invalid_payload", message } });

export async function studyReportRoute(res: ServerResponse, url: URL, manager: SessionManager): Promise<void> {
  const treatment = url.searchParams.get("treatment");
  const ids = treatment
    ? await manager.store.sessionsOfTreatment(treatment, url.searchParams.get("game") ?? undefined)
    : (url.searchParams.get("sessions") ?? "").split(",").map((x) => x.trim()).filter((x) => x.length > 0);
  if (ids.length === 0) return invalid(res, noSessionChosen(Boolean(treatment)));
  if (ids.length > STUDY_REPORT_MAX_SESSIONS)
    return invalid(res, `A study report covers at most ${STUDY_REPORT_MAX_SESSIONS} sessions (${ids.length} chosen); choose fewer, or use the study CSV export, which has no limit.`);
  const html = await studyReportHtml(manager.store, ids);
  if (html === null) return sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: "None of the chosen sessions exists." } });
  return sendFile(res, html, "text/html; charset=utf-8", "mechlab-study-report.html");
}
