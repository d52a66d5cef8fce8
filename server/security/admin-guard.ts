/**
 * The checks every admin HTTP request passes before its route runs: host, origin, and for requests that
 * change something a JSON content type and the CSRF header (see lib/protocol/csrf.ts).
 */
import type { IncomingMessage } from "node:http";
import { CSRF_HEADER, CSRF_VALUE } from "../../lib/protocol/csrf";
import type { SecurityConfig } from "./config";
import { requestScheme } from "./client-address";
import { checkHost, checkOrigin, type Refusal } from "./origin";

const SAFE = new Set(["GET", "HEAD"]);

/** Bodies are accepted only as application/json: a cross-site form or a text/plain beacon is refused. */
export function checkJsonContentType(req: IncomingMessage): Refusal | null {
  if (SAFE.has(req.method ?? "GET")) return null;
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return null;
  return {
    status: 415,
    code: "action/unsupported_media_type",
    message: `Send the request body as JSON with the header "Content-Type: application/json" (got "${type || "none"}").`,
  };
}

export function guardAdminRequest(req: IncomingMessage, cfg: SecurityConfig): Refusal | null {
  const host = checkHost(req.headers, cfg.allowedHosts);
  if (host) return host;
  const origin = checkOrigin(req.headers, requestScheme(req, cfg.trustProxy));
  if (origin) return origin;
  if (SAFE.has(req.method ?? "GET")) return null;
  const type = checkJsonContentType(req);
  if (type) return type;
  if (req.headers[CSRF_HEADER] !== CSRF_VALUE)
    return {
      status: 403,
      code: "auth/csrf",
      message: `Refused: admin changes must be sent by the admin page (header ${CSRF_HEADER} missing). Reload the admin page and try again.`,
    };
  return null;
}
