/**
 * The JSON API under /api (served by the custom server before Next sees the request).
 * Every body is parsed with zod; admin routes need the admin cookie.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { formatZodError } from "../../lib/core/zod-format";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { AdminCommandRequest, CreateSessionRequest, JoinRequest, LoginRequest } from "../../lib/protocol/payloads";
import { buildExport, codebookCsv, eventsCsv, exportCsv, roundsJson, wideCsv } from "../export/export";
import type { SessionManager } from "../sessions/manager";
import { ADMIN_COOKIE, type AdminAuth } from "./admin-auth";
import { listExamples } from "./examples";
import { paymentRows } from "../../lib/study/payments";
import { launchCheck } from "../../lib/study/launch-check";
import { paymentsCsv } from "../export/payments";
import { BodyError, readJson, sendFile, sendJson } from "./respond";

export interface ApiDeps {
  manager: SessionManager;
  auth: AdminAuth;
  secureCookies: boolean;
}

const invalid = (res: ServerResponse, errors: string[]) => sendJson(res, 400, { ok: false, errors, error: { code: "action/invalid_payload", message: errors.join("; ") } });

function joinStatus(code: string): number {
  if (code === "session/not_found") return 404;
  if (code === "join/bad_panel_id" || code === "join/no_panel_id" || code === "action/invalid_payload") return 400;
  return 409;
}

/** Handle /api/*; returns false when the path is not an API route. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://x");
  const path = url.pathname;
  if (!path.startsWith("/api/")) return false;
  const method = req.method ?? "GET";
  try {
    if (path === "/api/health") return sendJson(res, 200, { ok: true }), true;
    if (path === "/api/join" && method === "POST") {
      const body = JoinRequest.safeParse(await readJson(req));
      if (!body.success) return invalid(res, formatZodError(body.error)), true;
      const r = await deps.manager.join(body.data);
      return sendJson(res, r.ok ? 200 : joinStatus(r.error.code), r), true;
    }
    if (path === "/api/games" && method === "GET") {
      return (
        sendJson(
          res,
          200,
          Object.values(games).map((g) => ({
            id: g.id,
            version: g.version,
            title: g.title,
            summary: g.summary,
            bots: Object.entries(g.bots).map(([id, b]) => ({ id, label: b.label, description: b.description, default: id === g.defaultBot })),
          })),
        ),
        true
      );
    }
    if (path === "/api/treatments" && method === "GET") return sendJson(res, 200, listExamples()), true;
    if (path === "/api/admin/login" && method === "POST") {
      const body = LoginRequest.safeParse(await readJson(req));
      if (!body.success) return invalid(res, formatZodError(body.error)), true;
      const cookie = deps.auth.login(body.data.password);
      if (!cookie) return sendJson(res, 401, { ok: false, error: { code: "auth/not_allowed", message: "Wrong password. Use the password printed at the first start or set in ADMIN_PASSWORD." } }), true;
      const attrs = `Path=/; HttpOnly; SameSite=Lax; Max-Age=${12 * 3600}${deps.secureCookies ? "; Secure" : ""}`;
      return sendJson(res, 200, { ok: true }, { "set-cookie": `${ADMIN_COOKIE}=${encodeURIComponent(cookie)}; ${attrs}` }), true;
    }
    if (path === "/api/admin/logout" && method === "POST")
      return sendJson(res, 200, { ok: true }, { "set-cookie": `${ADMIN_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` }), true;
    if (path.startsWith("/api/admin/")) {
      const authed = deps.auth.verifyCookieHeader(req.headers.cookie);
      if (path === "/api/admin/me") return sendJson(res, 200, { ok: authed }), true;
      if (!authed) return sendJson(res, 401, { ok: false, error: { code: "auth/not_allowed", message: "Please log in at /admin first." } }), true;
      return await adminRoute(req, res, url, method, deps);
    }
    sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: `No API route ${method} ${path}.` } });
    return true;
  } catch (e) {
    if (e instanceof BodyError) return invalid(res, [e.message]), true;
    console.error(`api ${method} ${path} failed:`, e);
    sendJson(res, 500, { ok: false, error: { code: "session/conflict", message: "The server could not complete this request. Nothing was changed; please try again." } });
    return true;
  }
}

async function adminRoute(req: IncomingMessage, res: ServerResponse, url: URL, method: string, deps: ApiDeps): Promise<boolean> {
  const path = url.pathname;
  const { manager } = deps;
  if (path === "/api/admin/treatments/validate" && method === "POST") {
    const body: unknown = await readJson(req);
    const lt = loadTreatment(body !== null && typeof body === "object" && "treatment" in body ? body.treatment : body, games);
    if (!lt.ok) return sendJson(res, 200, { ok: false, errors: lt.errors }), true;
    const v = lt.value;
    return sendJson(res, 200, { ok: true, summary: { game: v.game.id, seats: v.seats, groups: v.treatment.groups, groupSize: v.groupSize, rounds: v.rounds }, check: launchCheck(v) }), true;
  }
  if (path === "/api/admin/sessions" && method === "POST") {
    const body = CreateSessionRequest.safeParse(await readJson(req));
    if (!body.success) return invalid(res, formatZodError(body.error)), true;
    const r = await manager.create(body.data.treatment, { ...(body.data.seed ? { seed: body.data.seed } : {}), ...(body.data.draft ? { draft: true } : {}) });
    if (!r.ok) return sendJson(res, 400, { ok: false, errors: r.errors }), true;
    return sendJson(res, 201, { ok: true, session: { id: r.host.id, code: r.host.code } }), true;
  }
  if (path === "/api/admin/sessions" && method === "GET") return sendJson(res, 200, await manager.store.list()), true;
  const m = /^\/api\/admin\/sessions\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return sendJson(res, 404, { ok: false, error: { message: "Unknown admin route." } }), true;
  const id = decodeURIComponent(m[1]!);
  const rest = m[2] ?? "";
  const host = await manager.get(id);
  if (!host) return sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: "No such session." } }), true;
  if (rest === "" && method === "GET") {
    const [row, parts] = await Promise.all([manager.store.get(id), manager.store.participants(id)]);
    const { adminView } = await import("../../lib/engine/views");
    return (
      sendJson(res, 200, {
        session: { id, code: host.code, name: row?.name, gameId: row?.gameId, status: host.state.status, seed: row?.seed },
        links: parts.map((p) => ({ seat: p.seat, participantId: p.id, path: `/p/${p.token}` })),
        view: adminView(host.state, host.lt, manager.clock(), host.roundHistory),
        bots: Object.entries(host.lt.game.bots).map(([bid, b]) => ({ id: bid, label: b.label, default: bid === (host.lt.treatment.dropout.bot ?? host.lt.game.defaultBot) })),
      }),
      true
    );
  }
  const reissue = /^\/participants\/([^/]+)\/reissue$/.exec(rest);
  if (reissue && method === "POST") {
    const r = await manager.reissueLink(id, decodeURIComponent(reissue[1]!));
    return sendJson(res, r.ok ? 200 : 404, r.ok ? { ok: true, path: `/p/${r.token}` } : { ok: false, error: { code: "session/not_found", message: r.message } }), true;
  }
  if (rest === "/payments" && method === "GET") return sendJson(res, 200, { ok: true, rows: paymentRows(host.state, host.lt) }), true;
  if (rest === "/command" && method === "POST") {
    const body = AdminCommandRequest.safeParse(await readJson(req));
    if (!body.success) return invalid(res, formatZodError(body.error)), true;
    const r = await host.dispatch({ actorKind: "admin", participantId: null }, body.data);
    return sendJson(res, r.ok ? 200 : 409, r), true;
  }
  if (method === "GET" && rest.startsWith("/export/")) {
    const file = rest.slice("/export/".length);
    const short = id.slice(0, 8);
    if (file === "events.csv") return sendFile(res, await eventsCsv(manager.store, id), "text/csv; charset=utf-8", `mechlab-${short}-events.csv`), true;
    if (file === "payments.csv")
      return sendFile(res, paymentsCsv(paymentRows(host.state, host.lt)), "text/csv; charset=utf-8", `mechlab-${short}-payments.csv`), true;
    if (file === "rounds.json") return sendFile(res, JSON.stringify(await roundsJson(manager.store, id), null, 2), "application/json", `mechlab-${short}-rounds.json`), true;
    const b = await buildExport(manager.store, id);
    if (!b) return sendJson(res, 404, { ok: false, error: { message: "No such session." } }), true;
    if (file === "data.csv") return sendFile(res, exportCsv(b), "text/csv; charset=utf-8", `mechlab-${short}-data.csv`), true;
    if (file === "data-wide.csv") return sendFile(res, wideCsv(b), "text/csv; charset=utf-8", `mechlab-${short}-data-wide.csv`), true;
    if (file === "data.json") return sendFile(res, JSON.stringify({ columns: b.columns, rows: b.rows }, null, 2), "application/json", `mechlab-${short}-data.json`), true;
    if (file === "codebook.csv") return sendFile(res, codebookCsv(b), "text/csv; charset=utf-8", `mechlab-${short}-codebook.csv`), true;
  }
  sendJson(res, 404, { ok: false, error: { message: `Unknown admin route ${method} ${path}.` } });
  return true;
}
