/**
 * Cookies are parsed with the `cookie` package: a malformed %-escape in any cookie (ours or another
 * application's on the same host) leaves that value undecoded instead of throwing.
 */
import { parseCookie } from "cookie";

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parseCookie(header)[name];
}
