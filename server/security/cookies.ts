/**
 * Cookies are parsed with the `cookie` package: a malformed %-escape in any cookie (ours or another
 * application's on the same host) leaves that value undecoded instead of throwing.
 */
import { parseCookie } from "cookie";

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parseCookie(header)[name];
}

/** At most this many values of one cookie name are read from a header (`readCookies`). */
export const MAX_COOKIE_VALUES = 8;

/**
 * Every value the Cookie header carries under `name`, last first, at most `MAX_COOKIE_VALUES`, without
 * repeats. Cookies are not kept apart by port: a page on another port of the same host can set a cookie of
 * our name with a longer Path (`/api`), which the browser sends *before* ours; reading only the first value
 * (as `readCookie` does) let such a page lock the admin out, logging in again included (fresh-clone attack
 * review, 2026-12-07). Ours has the shortest path (`/`), so browsers send it last.
 */
export function readCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  const parts = header.split(";");
  for (let i = parts.length - 1; i >= 0 && out.length < MAX_COOKIE_VALUES; i--) {
    const part = parts[i]!;
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = parseCookie(`${name}=${part.slice(eq + 1).trim()}`)[name];
    if (value !== undefined && !out.includes(value)) out.push(value);
  }
  return out;
}
