/**
 * Admin login and logout. Login is throttled per client address (backoff after repeated wrong passwords)
 * and the password is checked off the event loop; the cookie is HttpOnly, SameSite=Strict, and Secure
 * whenever the request came over HTTPS (directly or through a trusted proxy). The throttle is asked
 * before the body is read, and the body may be 4 KB at most, so a locked-out address costs no parsing.
 */
import type { Wording } from "../../lib/i18n/refusal";
import type { IncomingMessage, ServerResponse } from "node:http";
import { formatZodError } from "../../lib/core/zod-format";
import { LoginRequest } from "../../lib/protocol/payloads";
import { ADMIN_SESSION_TTL_MS } from "../security/admin-sessions";
import { clientAddress, isHttps } from "../security/client-address";
import type { SecurityConfig } from "../security/config";
import type { Admission, LoginThrottle } from "../security/login-throttle";
import { BusyError } from "../security/password";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, deviceCookieOf, deviceOf, newDeviceCookie } from "../security/device-cookie";
import { waitText } from "../security/wait-text";
import { ADMIN_COOKIE, type AdminAuth } from "./admin-auth";
import { invalid } from "./admin-routes";
import { readJson, sendJson } from "./respond";

/** A wrong admin password: where the password is, and what to do when it is lost (README "Lost it?"). */
export const WRONG_PASSWORD =
  "Wrong password. Use the password printed in the terminal at the first start, or the one set in ADMIN_PASSWORD. Lost it? On the server, run `npx mechlab admin-password` in the folder mechlab is started from: it prints a new one.";

export interface LoginDeps {
  auth: AdminAuth;
  security: SecurityConfig;
  throttle: LoginThrottle;
}

function cookieAttrs(req: IncomingMessage, security: SecurityConfig, maxAgeS: number): string {
  const secure = security.secureCookies || isHttps(req, security.trustProxy);
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? "; Secure" : ""}`;
}

export function tooMany(res: ServerResponse, retryAfterMs: number, text: string | { message: string; wording: Wording }) {
  const error = typeof text === "string" ? { message: text } : text;
  sendJson(res, 429, { ok: false, error: { code: "rate/limited", ...error, retryAfterMs } }, { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
}

/** The largest login body read: `{"password": …}` with a password of 1,024 characters fits. */
export const LOGIN_BODY_LIMIT = 4096;

function refuseLogin(res: ServerResponse, refused: Exclude<Admission, { ok: true }>) {
  const why = refused.reason === "locked" ? "Too many wrong passwords from this address." : "Another login from this address is still being checked.";
  tooMany(res, refused.retryAfterMs, `${why} Please wait ${waitText(refused.retryAfterMs)} and try again.`);
}

export async function login(req: IncomingMessage, res: ServerResponse, deps: LoginDeps): Promise<void> {
  // a browser that logged in before is throttled on its own, others by their address (server/security/device-cookie.ts)
  const device = deviceOf(req.headers.cookie, deps.auth.deviceKey());
  const addr = device ? `device:${device}` : clientAddress(req, deps.security.trustProxy);
  // refused before the body is read (the rest of it is discarded unparsed); this counts no guess
  const allowed = deps.throttle.check(addr);
  if (!allowed.ok) return refuseLogin(res, allowed);
  const body = LoginRequest.safeParse(await readJson(req, LOGIN_BODY_LIMIT));
  if (!body.success) return invalid(res, formatZodError(body.error));
  const admitted = deps.throttle.begin(addr);
  if (!admitted.ok) return refuseLogin(res, admitted);
  let outcome: "success" | "failure" | "not_checked" = "not_checked";
  try {
    const cookie = await deps.auth.login(body.data.password, device !== null);
    outcome = cookie ? "success" : "failure";
    if (!cookie)
      return sendJson(res, 401, { ok: false, error: { code: "auth/not_allowed", message: WRONG_PASSWORD } });
    const attrs = cookieAttrs(req, deps.security, ADMIN_SESSION_TTL_MS / 1000);
    // the device cookie goes only to the login route; each login renews it (a known browser keeps its id)
    const deviceCookie = `${DEVICE_COOKIE}=${device ? deviceCookieOf(deps.auth.deviceKey(), device) : newDeviceCookie(deps.auth.deviceKey())}; ${cookieAttrs(req, deps.security, DEVICE_COOKIE_MAX_AGE_S).replace("Path=/", "Path=/api/admin/login")}`;
    return sendJson(res, 200, { ok: true }, { "set-cookie": [`${ADMIN_COOKIE}=${cookie}; ${attrs}`, deviceCookie] });
  } catch (e) {
    if (e instanceof BusyError) return tooMany(res, 2000, "The server is checking many logins at once. Please wait 2 s and try again.");
    throw e;
  } finally {
    deps.throttle.end(addr, outcome);
  }
}

/** Revoke the session on the server and clear the cookie. */
export async function logout(req: IncomingMessage, res: ServerResponse, deps: LoginDeps): Promise<void> {
  await deps.auth.logout(req.headers.cookie);
  sendJson(res, 200, { ok: true }, { "set-cookie": `${ADMIN_COOKIE}=; ${cookieAttrs(req, deps.security, 0)}` });
}
