/**
 * Security headers on every response: pages get a Content-Security-Policy with a fresh nonce per request
 * (Next.js reads the nonce from the request's CSP header and puts it on its own scripts; every page is
 * rendered dynamically for this, see app/layout.tsx); API and Socket.io responses get a policy that allows
 * nothing. Framing is refused everywhere (frame-ancestors 'none' and X-Frame-Options DENY).
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script (Next's chunk loader) are trusted too
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; styles cannot run code
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // same-origin: participant links carry their token in the path, so no Referer may leave the site
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
};

export function setApiHeaders(res: ServerResponse): void {
  for (const [k, v] of Object.entries(COMMON_HEADERS)) res.setHeader(k, v);
  res.setHeader("content-security-policy", API_CSP);
}

/** Page headers; also hands the policy to Next on the request so it can nonce its scripts. */
export function setPageHeaders(req: IncomingMessage, res: ServerResponse, dev: boolean): void {
  const csp = pageCsp(randomBytes(16).toString("base64"), dev);
  for (const [k, v] of Object.entries(COMMON_HEADERS)) res.setHeader(k, v);
  res.setHeader("content-security-policy", csp);
  req.headers["content-security-policy"] = csp;
}

/** For Socket.io's own HTTP responses (engine.io "headers" event). */
export function addApiHeaders(headers: OutgoingHttpHeaders): void {
  for (const [k, v] of Object.entries(COMMON_HEADERS)) headers[k] = v;
  headers["content-security-policy"] = API_CSP;
}
