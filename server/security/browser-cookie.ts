/**
 * The join's browser cookie: a random id the room-code join gives a participant's browser (`mechlab_browser`,
 * HttpOnly, sent only to /api/join), so the session can tell the browser that used up the quiz's attempts
 * under a label from anyone else who types that label with the room code (lib/engine/seat-memory.ts). A label
 * is typed by anyone: remembered by itself, one person failing the quiz under a classmate's name barred that
 * classmate from the session (fresh-clone attack review B3). The cookie is no credential and needs no
 * signature: it takes no seat and opens none; it only decides whose remembered attempts a join continues, and a
 * stranger's browser cannot know another browser's id. The state keeps a per-session HMAC tag of it
 * (server/sessions/manager.ts), never the id.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isHttps } from "./client-address";
import type { SecurityConfig } from "./config";
import { readCookies } from "./cookies";

export const BROWSER_COOKIE = "mechlab_browser";
/** How long a browser keeps its id without joining again (30 days; each join renews it). */
export const BROWSER_COOKIE_MAX_AGE_S = 30 * 24 * 3600;
const ID = /^[A-Za-z0-9_-]{22}$/;

/** The browser id a Cookie header names (the first well-formed one), or null. */
export function browserOf(header: string | undefined): string | null {
  for (const value of readCookies(header, BROWSER_COOKIE)) if (ID.test(value)) return value;
  return null;
}

/** A new browser id: 128 random bits. */
export const newBrowserId = (): string => randomBytes(16).toString("base64url");

/** The Set-Cookie header that gives (or renews) the browser's id. */
export function browserCookie(req: IncomingMessage, security: SecurityConfig, id: string): string {
  const secure = security.secureCookies || isHttps(req, security.trustProxy);
  return `${BROWSER_COOKIE}=${id}; Path=/api/join; HttpOnly; SameSite=Strict; Max-Age=${BROWSER_COOKIE_MAX_AGE_S}${secure ? "; Secure" : ""}`;
}
