/** The admin's JSON routes under /api/admin/ (the caller has already checked origin, CSRF and login). */
import { studyCompletionCodes } from "../../lib/study/completion-url-check";
import type { IncomingMessage, ServerResponse } from "node:http";
import { formatZodError } from "../../lib/core/zod-format";
import { loadTreatment } from "../../lib/engine";
import { adminView } from "../../lib/engine/views";
import { games } from "../../lib/games/registry";
import { AdminCommandRequest, CreateSessionRequest } from "../../lib/protocol/payloads";
import { formerLeavers, paymentRows } from "../../lib/study/payments";
import { launchCheck } from "../../lib/study/launch-check";
import { sameNameWarning } from "../../lib/study/same-name-check";
import { UndocumentedColumnError } from "../export/columns";
import { buildExport, codebookCsv, eventsCsv, exportCsv, roundsJson, surveyCsv, wideCsv } from "../export/export";
import { bonusCsv, paymentsCsv } from "../export/payments";
import { sessionReport } from "../export/report";
import { launchFiguresRoute } from "./figure-routes";
import { studyReportRoute } from "./study-report-route";
import { studyRoute } from "./study-routes";
import type { SessionManager } from "../sessions/manager";
import { decodeSegment, readJson, sendFile, sendJson } from "./respond";
import { liveCharts } from "../realtime/live-charts";

export const invalid = (res: ServerResponse, errors: string[]) =>
  sendJson(res, 400, { ok: false, errors, error: { code: "action/invalid_payload", message: errors.join("; ") } });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export async function adminRoute(req: IncomingMessage, res: ServerResponse, url: URL, method: string, manager: SessionManager): Promise<void> {
  const path = url.pathname;
  if (path === "/api/admin/treatments/validate" && method === "POST") {
    const body = await readJson(req);
    const raw = isRecord(body) && "treatment" in body ? body.treatment : body;
    const lt = loadTreatment(raw, games);
    if (!lt.ok) return sendJson(res, 200, { ok: false, errors: lt.errors });
    const v = lt.value;
    const check = launchCheck(v, raw);
    const sameName = sameNameWarning(v, await manager.store.sameName(v.treatment.name, v.game.id), games);
    if (sameName) check.warnings.push(sameName);
    return sendJson(res, 200, { ok: true, summary: { game: v.game.id, seats: v.seats, groups: v.treatment.groups, groupSize: v.groupSize, rounds: v.rounds }, check });
  }
  if (path === "/api/admin/treatments/figures" && method === "POST") return launchFiguresRoute(req, res, manager);
  if (path === "/api/admin/export/study-report.html" && method === "GET") return studyReportRoute(res, url, manager);
  if (await studyRoute(req, res, url, method, manager)) return;
  if (path === "/api/admin/sessions" && method === "POST") {
    const body = CreateSessionRequest.safeParse(await readJson(req));
    if (!body.success) return invalid(res, formatZodError(body.error));
    const r = await manager.create(body.data.treatment, { ...(body.data.seed ? { seed: body.data.seed } : {}), ...(body.data.draft ? { draft: true } : {}) });
    if (!r.ok) return sendJson(res, 400, { ok: false, errors: r.errors });
    return sendJson(res, 201, { ok: true, session: { id: r.host.id, code: r.host.code } });
  }
  if (path === "/api/admin/sessions" && method === "GET") return sendJson(res, 200, await manager.store.list());
  const m = /^\/api\/admin\/sessions\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: `Unknown admin route ${method} ${path}.` } });
  const id = decodeSegment(m[1]!);
  if (id === null) return invalid(res, ["The session id in the address has a malformed %-escape. Copy the link from the admin page again."]);
  const rest = m[2] ?? "";
  const host = await manager.get(id);
  if (!host) return sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: "No such session." } });
  if (rest === "" && method === "GET") {
    const view = host.gameCode.guard("monitor", () =>
      adminView(host.state, host.lt, manager.clock(), host.roundHistory, liveCharts(host), { onGameError: (where, e) => host.gameCode.report(where, e), gameCrashes: host.crashes.all() }),
    );
    if (!view) return sendJson(res, 500, { ok: false, error: { code: "session/conflict", message: "The monitor could not be built: the game's code failed (the server log has the error). End the session if it does not recover." } });
    const [row, parts] = await Promise.all([manager.store.get(id), manager.store.participants(id)]);
    return sendJson(res, 200, {
      session: { id, code: host.code, name: row?.name, gameId: row?.gameId, status: host.state.status, seed: row?.seed },
      links: parts.map((p) => ({ seat: p.seat, participantId: p.id, path: `/p/${p.token}` })),
      view,
      bots: Object.entries(host.lt.game.bots).map(([bid, b]) => ({ id: bid, label: b.label, default: bid === (host.lt.treatment.dropout.bot ?? host.lt.game.defaultBot) })),
    });
  }
  if (rest === "/links" && method === "GET") {
    const parts = await manager.store.participants(id);
    return sendJson(res, 200, { ok: true, links: parts.map((p) => ({ seat: p.seat, participantId: p.id, path: `/p/${p.token}` })) });
  }
  const reissue = /^\/participants\/([^/]+)\/reissue$/.exec(rest);
  if (reissue && method === "POST") {
    const pid = decodeSegment(reissue[1]!);
    if (pid === null) return invalid(res, ["The seat in the address has a malformed %-escape. Use the button on the monitor page."]);
    const r = await manager.reissueLink(id, pid);
    return sendJson(res, r.ok ? 200 : 404, r.ok ? { ok: true, path: `/p/${r.token}` } : { ok: false, error: { code: "session/not_found", message: r.message } });
  }
  const free = /^\/participants\/([^/]+)\/free$/.exec(rest);
  if (free && method === "POST") {
    const pid = decodeSegment(free[1]!);
    if (pid === null) return invalid(res, ["The seat in the address has a malformed %-escape. Use the button on the monitor page."]);
    const r = await manager.freeSeat(id, pid);
    return sendJson(res, r.ok ? 200 : 409, r);
  }
  const groupHistory = /^\/groups\/([^/]+)\/history$/.exec(rest);
  if (groupHistory && method === "GET") {
    // the monitor's pushes leave the groups' round histories out; a group's table asks for its own
    const gid = decodeSegment(groupHistory[1]!);
    if (gid === null || !host.state.groups.get(gid))
      return sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: "No such group in this session. Reload the monitor page." } });
    return sendJson(res, 200, { ok: true, history: host.roundHistory[gid] ?? [] });
  }
  if (rest === "/payments" && method === "GET")
    return sendJson(res, 200, {
      ok: true,
      rows: paymentRows(host.state, host.lt),
      studyCodes: studyCompletionCodes(host.lt.treatment.completionUrl ?? host.lt.treatment.redirectUrl),
      formerLeavers: formerLeavers(host.state),
    });
  if (rest === "/command" && method === "POST") {
    const body = AdminCommandRequest.safeParse(await readJson(req));
    if (!body.success) return invalid(res, formatZodError(body.error));
    // "Replace by bot" on a seat whose person is still in the intro frees the seat first (a new link): the manager's
    const r =
      body.data.kind === "replaceWithBot"
        ? await manager.replaceWithBot(id, body.data.pid, body.data.strategy)
        : await host.dispatch({ actorKind: "admin", participantId: null }, body.data);
    return sendJson(res, r.ok ? 200 : 409, r);
  }
  if (method === "GET" && rest.startsWith("/export/")) {
    const file = rest.slice("/export/".length);
    const short = id.slice(0, 8);
    if (file === "events.csv") return sendFile(res, await eventsCsv(manager.store, id), "text/csv; charset=utf-8", `mechlab-${short}-events.csv`);
    if (file === "payments.csv") return sendFile(res, paymentsCsv(paymentRows(host.state, host.lt)), "text/csv; charset=utf-8", `mechlab-${short}-payments.csv`);
    if (file === "bonus.csv") return sendFile(res, bonusCsv(paymentRows(host.state, host.lt)), "text/csv; charset=utf-8", `mechlab-${short}-bonus.csv`);
    if (file === "report.html") {
      const html = await sessionReport(manager.store, id);
      if (html !== null) return sendFile(res, html, "text/html; charset=utf-8", `mechlab-${short}-report.html`);
    }
    if (file === "rounds.json") return sendFile(res, JSON.stringify(await roundsJson(manager.store, id), null, 2), "application/json", `mechlab-${short}-rounds.json`);
    let b: Awaited<ReturnType<typeof buildExport>>;
    try {
      b = await buildExport(manager.store, id);
    } catch (e) {
      if (e instanceof UndocumentedColumnError) return sendJson(res, 409, { ok: false, error: { code: "session/conflict", message: e.message } });
      throw e;
    }
    if (!b) return sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: "No such session." } });
    if (file === "data.csv") return sendFile(res, exportCsv(b), "text/csv; charset=utf-8", `mechlab-${short}-data.csv`);
    if (file === "data-wide.csv") return sendFile(res, wideCsv(b), "text/csv; charset=utf-8", `mechlab-${short}-data-wide.csv`);
    if (file === "data.json") return sendFile(res, JSON.stringify({ columns: b.columns, rows: b.rows }, null, 2), "application/json", `mechlab-${short}-data.json`);
    if (file === "survey.csv") return sendFile(res, surveyCsv(b), "text/csv; charset=utf-8", `mechlab-${short}-survey.csv`);
    if (file === "codebook.csv") return sendFile(res, codebookCsv(b), "text/csv; charset=utf-8", `mechlab-${short}-codebook.csv`);
  }
  sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: `Unknown admin route ${method} ${path}.` } });
}
