/**
 * Who is asking, and over which protocol. Behind a TLS-terminating reverse proxy (TRUST_PROXY=1) the
 * address is the last entry of X-Forwarded-For (the one the proxy itself added) and the protocol comes from
 * X-Forwarded-Proto; otherwise both come from the TCP connection, and those headers are ignored
 * (anyone can send them).
 */
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers["x-forwarded-for"];
    const list = (Array.isArray(fwd) ? fwd.join(",") : (fwd ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
    const last = list[list.length - 1];
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted === true) return true;
  if (!trustProxy) return false;
  const proto = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}
