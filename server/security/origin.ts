/**
 * Cross-site checks for the admin surface (HTTP routes and the admin socket handshake):
 * the Host must be one this server answers to (no DNS rebinding), and a browser request must come from
 * a page of this very origin (Origin / Sec-Fetch-Site); a page on another port of the same host is
 * another origin and is refused.
 */
import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** The host name of a Host header value ("[::1]:3000" → "::1", "Lab-PC:80" → "lab-pc"). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") > 0 ? h.indexOf("]") : undefined);
  const i = h.lastIndexOf(":");
  return i >= 0 ? h.slice(0, i) : h;
}

export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  const name = hostName(host);
  if (!name) return false;
  if (allowed.includes(name)) return true;
  if (isIP(name)) return true;
  if (name === "localhost" || name.endsWith(".localhost") || name.endsWith(".local")) return true;
  return !name.includes("."); // a single-label LAN name ("labpc"); public DNS names must be listed
}

export function checkHost(headers: IncomingHttpHeaders, allowed: readonly string[]): Refusal | null {
  const host = one(headers.host);
  if (hostAllowed(host, allowed)) return null;
  const name = host ? hostName(host) : "(none)";
  return {
    status: 403,
    code: "auth/host_not_allowed",
    message: `This server does not answer admin requests for the host name "${name}". If this is your server's name, start it with MECHLAB_ALLOWED_HOSTS=${name} (comma-separated list).`,
  };
}

/**
 * `scheme` is the protocol this request reached the server by, when it is known ("https:" over TLS or from
 * a trusted proxy's X-Forwarded-Proto, see `requestScheme`): then the page must have been loaded by the same
 * protocol too. Without it (plain HTTP with no trusted proxy) only host and port are compared: a page of
 * another scheme cannot be served on the same port then.
 */
export function checkOrigin(headers: IncomingHttpHeaders, scheme?: "http:" | "https:"): Refusal | null {
  const refuse = (from: string): Refusal => ({
    status: 403,
    code: "auth/cross_site",
    message: `Refused: this admin request came from another site (${from}). Open the admin page of this server itself and try again there.`,
  });
  const site = one(headers["sec-fetch-site"]);
  if (site === "cross-site" || site === "same-site") return refuse(`Sec-Fetch-Site: ${site}`);
  const origin = one(headers.origin);
  if (origin === undefined) return null; // not sent by a browser for this request (or a same-origin GET)
  const host = one(headers.host);
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return refuse(`Origin: ${origin.slice(0, 100)}`);
  }
  if (!host) return refuse(`Origin: ${origin.slice(0, 100)}`);
  let ownHost: string;
  try {
    ownHost = new URL(`${new URL(origin).protocol}//${host}`).host;
  } catch {
    return refuse(`Origin: ${origin.slice(0, 100)}`);
  }
  if (originHost !== ownHost) return refuse(`Origin: ${origin.slice(0, 100)}`);
  // behind a TLS proxy, a plain-HTTP page of the same host name (port 80 of the proxy) is another origin
  if (scheme && new URL(origin).protocol !== scheme) return refuse(`Origin: ${origin.slice(0, 100)}`);
  return null;
}
