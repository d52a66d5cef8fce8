/**
 * Admin routes for whole studies: the study-wide export across sessions (streamed: format=long, wide,
 * survey, codebook or payments), and archiving and deleting sessions. An export that fails partway ends
 * with a line `# export stopped…` that says why (the rows before it are complete). The caller (server/http/api.ts) has already checked the admin cookie.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { formatZodError } from "../../lib/core/zod-format";
import { UndocumentedColumnError } from "../export/columns";
import { noSessionChosen, STUDY_FORMATS, StudyExportAborted, StudyExportRefused, studyFileName, studySessions, writeStudySessions, type StudyFormat } from "../export/study";
import type { SessionManager } from "../sessions/manager";
import { decodeSegment, readJson, sendJson } from "./respond";

const ArchiveRequest = z.object({ archived: z.boolean() });
const DeleteRequest = z.object({ confirm: z.string().min(1, "type the session's room code to confirm") });

/** Handle a study route; false when the path is not one. */
export async function studyRoute(req: IncomingMessage, res: ServerResponse, url: URL, method: string, manager: SessionManager): Promise<boolean> {
  const path = url.pathname;
  if (path === "/api/admin/export/study.csv" && method === "GET") {
    const asked = url.searchParams.get("format") ?? "long";
    if (!STUDY_FORMATS.includes(asked as StudyFormat))
      return sendJson(res, 400, { ok: false, error: { code: "action/invalid_payload", message: `Unknown format "${asked.slice(0, 40)}": use format=${STUDY_FORMATS.join(", ")}.` } }), true;
    const format = asked as StudyFormat;
    const treatment = url.searchParams.get("treatment");
    const ids = treatment
      ? await manager.store.sessionsOfTreatment(treatment, url.searchParams.get("game") ?? undefined)
      : (url.searchParams.get("sessions") ?? "").split(",").map((x) => x.trim()).filter((x) => x.length > 0).slice(0, 1000);
    if (ids.length === 0)
      return sendJson(res, 400, { ok: false, error: { code: "action/invalid_payload", message: noSessionChosen(Boolean(treatment)) } }), true;
    const sessions = await studySessions(manager.store, ids);
    if (sessions.length === 0)
      return sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: "None of the chosen sessions exists any more (deleted?). Reload the session list and choose again." } }), true;
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${studyFileName(format)}"`,
      "cache-control": "no-store",
    });
    // the client may leave mid-download: stop reading at the next page instead of waiting for a "drain"
    // that never comes (which kept the export and its database reads alive)
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const sink = (chunk: string) =>
      new Promise<void>((resolve, reject) => {
        if (gone.signal.aborted) return reject(new StudyExportAborted());
        if (res.write(chunk)) return resolve();
        const settle = () => {
          res.off("drain", settle);
          gone.signal.removeEventListener("abort", settle);
          if (gone.signal.aborted) reject(new StudyExportAborted());
          else resolve();
        };
        res.on("drain", settle);
        gone.signal.addEventListener("abort", settle);
      });
    try {
      await writeStudySessions(manager.store, sessions, format, sink, gone.signal);
    } catch (e) {
      if (e instanceof StudyExportAborted) return true;
      // one last line that says the file is incomplete, after the last complete row
      if (e instanceof UndocumentedColumnError || e instanceof StudyExportRefused) res.write(`\r\n# export stopped: ${e.message}\r\n`);
      else {
        console.error("study export failed:", e);
        res.write("\r\n# export stopped by an error; please try again\r\n");
      }
    }
    res.end();
    return true;
  }
  const m = /^\/api\/admin\/sessions\/([^/]+)\/(archive|delete)$/.exec(path);
  if (!m || method !== "POST") return false;
  const id = decodeSegment(m[1]!);
  if (id === null)
    return sendJson(res, 400, { ok: false, error: { code: "action/invalid_payload", message: "The session id in the address has a malformed %-escape. Use the buttons on the session list." } }), true;
  const row = await manager.store.get(id);
  if (!row) return sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: "No such session." } }), true;
  if (m[2] === "archive") {
    const body = ArchiveRequest.safeParse(await readJson(req));
    if (!body.success) return sendJson(res, 400, { ok: false, errors: formatZodError(body.error) }), true;
    await manager.store.setArchived(id, body.data.archived);
    return sendJson(res, 200, { ok: true }), true;
  }
  const body = DeleteRequest.safeParse(await readJson(req));
  if (!body.success) return sendJson(res, 400, { ok: false, errors: formatZodError(body.error), error: { code: "action/invalid_payload", message: formatZodError(body.error).join("; ") } }), true;
  if (body.data.confirm.trim().toUpperCase() !== row.code)
    return sendJson(res, 409, { ok: false, error: { code: "session/conflict", message: `To delete, type the room code ${row.code} exactly. Nothing was deleted.` } }), true;
  const host = await manager.get(id);
  const status = host?.state.status ?? row.status;
  if (status === "running" || status === "paused")
    return sendJson(res, 409, { ok: false, error: { code: "session/conflict", message: "This session is still running: end it on its monitor first. Nothing was deleted." } }), true;
  await manager.delete(id);
  return sendJson(res, 200, { ok: true }), true;
}
