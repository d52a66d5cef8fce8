/**
 * The JSON API under /api (served by the custom server before Next sees the request).
 * Every body is JSON (Content-Type application/json) parsed with zod; admin routes (and the shipped
 * treatments) pass the cross-site checks of server/security/admin-guard.ts and need a live admin session.
 * Bad input answers 4xx with a message; only a server fault answers 500.
 */
import { worded } from "../../lib/i18n/refusal";
import type { IncomingMessage, ServerResponse } from "node:http";
import { formatZodError } from "../../lib/core/zod-format";
import { games } from "../../lib/games/registry";
import { JoinRequest, type ServerJoin } from "../../lib/protocol/payloads";
import { checkJsonContentType, guardAdminRequest } from "../security/admin-guard";
import { browserCookie, browserOf, newBrowserId } from "../security/browser-cookie";
import { clientAddress, limitKey } from "../security/client-address";
import type { SecurityConfig } from "../security/config";
import type { HttpLimits } from "../security/limits";
import type { Refusal } from "../security/origin";
import { normalizeRoomCode } from "../security/room-code";
import { waitText } from "../security/wait-text";
import type { JoinResult, SessionManager } from "../sessions/manager";
import { SessionUnreachableError } from "../sessions/router";
import type { AdminAuth } from "./admin-auth";
import { adminRoute, invalid } from "./admin-routes";
import { listExamples } from "./examples";
import { login, logout, tooMany } from "./login-routes";
import { BodyError, decodeSegment, readJson, sendJson } from "./respond";

export interface ApiDeps {
  manager: SessionManager;
  auth: AdminAuth;
  security: SecurityConfig;
  limits: HttpLimits;
  /** Several processes (server/cluster): joins and admin requests about a session run where it is held. */
  cluster?: {
    join(req: ServerJoin): Promise<JoinResult>;
    /** Answers a request about a session held by another process (true), or leaves it to the routes here. */
    forward(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<boolean>;
    /** This process is cut off from Redis and gave its sessions up (server/cluster/node.ts `cutOff`). */
    cutOff(): boolean;
  };
}

const refuse = (res: ServerResponse, r: Refusal) => sendJson(res, r.status, { ok: false, error: { code: r.code, message: r.message } });

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
    await route(req, res, url, method, deps);
  } catch (e) {
    if (e instanceof BodyError) {
      if (e.status === 413) res.setHeader("connection", "close");
      if (!res.headersSent) invalidOrTooLarge(res, e);
      return true;
    }
    if (e instanceof SessionUnreachableError) {
      // said in the log once per process and minute by the router, with what to check
      if (!res.headersSent) sendJson(res, 503, { ok: false, error: { code: "session/conflict", message: e.publicMessage } });
      return true;
    }
    console.error(`api ${method} ${path} failed:`, e);
    if (!res.headersSent)
      sendJson(res, 500, { ok: false, error: { code: "session/conflict", message: "The server could not complete this request. Nothing was changed; please try again." } });
  }
  return true;
}

function invalidOrTooLarge(res: ServerResponse, e: BodyError) {
  if (e.status === 413) return sendJson(res, 413, { ok: false, errors: [e.message], error: { code: "action/too_large", message: e.message } });
  invalid(res, [e.message]);
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, method: string, deps: ApiDeps): Promise<void> {
  const path = url.pathname;
  const type = checkJsonContentType(req);
  if (type) return refuse(res, type);
  // a process cut off from Redis says so, so a balancer's health check takes it out of rotation until it is back
  if (path === "/api/health") return deps.cluster?.cutOff() ? sendJson(res, 503, { ok: false, reason: "cut off from Redis" }) : sendJson(res, 200, { ok: true });
  if (path === "/api/join" && method === "POST") return join(req, res, deps);
  const room = /^\/api\/rooms\/([^/]{1,40})\/language$/.exec(path);
  if (room && method === "GET") return roomLanguage(req, res, decodeSegment(room[1]!) ?? "", deps);
  if (path === "/api/games" && method === "GET") {
    return sendJson(
      res,
      200,
      Object.values(games).map((g) => ({
        id: g.id,
        version: g.version,
        title: g.title,
        summary: g.summary,
        bots: Object.entries(g.bots).map(([id, b]) => ({ id, label: b.label, description: b.description, default: id === g.defaultBot })),
      })),
    );
  }
  if (path === "/api/treatments" || path.startsWith("/api/admin/")) {
    const guard = guardAdminRequest(req, deps.security);
    if (guard) return refuse(res, guard);
    const loginDeps = { auth: deps.auth, security: deps.security, throttle: deps.limits.login };
    if (path === "/api/admin/login" && method === "POST") return login(req, res, loginDeps);
    if (path === "/api/admin/logout" && method === "POST") return logout(req, res, loginDeps);
    const authed = (await deps.auth.sessionOf(req.headers.cookie)) !== null;
    if (path === "/api/admin/me") return sendJson(res, 200, { ok: authed });
    if (!authed) return sendJson(res, 401, { ok: false, error: { code: "auth/not_allowed", message: "Please log in at /admin first." } });
    // the shipped examples carry every participant's private type: admin only
    if (path === "/api/treatments" && method === "GET") return sendJson(res, 200, listExamples());
    if (deps.cluster && (await deps.cluster.forward(req, res, url, method))) return;
    return adminRoute(req, res, url, method, deps.manager);
  }
  sendJson(res, 404, { ok: false, error: { code: "session/not_found", message: `No API route ${method} ${path}.` } });
}

/**
 * The language of a room's session and the title its participants see, for the join page (`{ language, title }`;
 * 404 for an unknown code). Unknown codes count against the address's join limit, so the route cannot be used
 * to scan for rooms; a known code costs nothing (a class behind one address opens the join page many times),
 * but an address whose allowance is spent gets 429 before any lookup, for a live code as for a wrong one —
 * otherwise the answer's status (200 against 429) would tell a scanner every hit at full speed.
 */
async function roomLanguage(req: IncomingMessage, res: ServerResponse, code: string, deps: ApiDeps): Promise<void> {
  const address = clientAddress(req, deps.security.trustProxy);
  const spentFor = deps.limits.joinsPerAddress.waitSeconds(address) * 1000;
  if (spentFor > 0) return tooMany(res, spentFor, worded("tooManyJoins", { wait: waitText(spentFor) }));
  const room = await deps.manager.roomLanguage(code);
  if (room) return sendJson(res, 200, { ok: true, language: room.language, title: room.title });
  if (!deps.limits.joinsPerAddress.take(address)) {
    const ms = deps.limits.joinsPerAddress.waitSeconds(address) * 1000;
    return tooMany(res, ms, worded("tooManyJoins", { wait: waitText(ms) }));
  }
  sendJson(res, 404, { ok: false, error: { code: "session/not_found", ...worded("noSuchRoom") } });
}

/** Room code + label (or a panel link's query) → the seat's token; limited per client address and per room code. */
async function join(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<void> {
  const address = clientAddress(req, deps.security.trustProxy);
  if (!deps.limits.joinsPerAddress.take(address)) {
    const ms = deps.limits.joinsPerAddress.waitSeconds(address) * 1000;
    return tooMany(res, ms, worded("tooManyJoins", { wait: waitText(ms) }));
  }
  const body = JoinRequest.safeParse(await readJson(req));
  if (!body.success) return invalid(res, formatZodError(body.error));
  const code = normalizeRoomCode(body.data.code);
  if (!deps.limits.joinsPerRoom.take(code)) {
    const ms = deps.limits.joinsPerRoom.waitSeconds(code) * 1000;
    return tooMany(res, ms, worded("roomBusy", { wait: waitText(ms) }));
  }
  // the browser's id (server/security/browser-cookie.ts): a first join gets one, which its seat records
  const browser = browserOf(req.headers.cookie) ?? newBrowserId();
  const join: ServerJoin = { ...body.data, code, from: limitKey(address), browser };
  const r = await (deps.cluster ? deps.cluster.join(join) : deps.manager.join(join));
  // the room's allowance is for joins that take a seat. Refused ones (a label that is not valid or is taken, a
  // full room) cost nearly nothing, and so do ones that change nothing (the sender's own seat answered with the
  // link it already has: a stored link coming back, a panel link's same panel session); counting them let anyone
  // with the code keep everyone else out with a stream of them from many addresses (fresh-clone review B2: ~40
  // addresses repeating a join with their own seat's link kept every newcomer out). The per-address limit
  // still counts them all.
  if (!r.ok || r.unchanged) deps.limits.joinsPerRoom.giveBack(code);
  sendJson(res, r.ok ? 200 : joinStatus(r.error.code), r.ok ? { ok: true, token: r.token } : r, { "set-cookie": browserCookie(req, deps.security, browser) });
}
