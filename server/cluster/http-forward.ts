/**
 * Admin requests about one session (`/api/admin/sessions/<id>…`: the monitor's data, commands, payments,
 * exports, re-issued links, archive and delete) are answered by the process that holds the session: a
 * process that does not forwards the request (method, path, body) and relays the answer. The admin's
 * cookie, origin and CSRF header were checked where the request arrived.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { BODY_LIMIT, BodyError } from "../http/respond";
import type { ClusterRouter } from "./router";
import type { NodeRpc } from "./rpc";

interface ForwardedRequest {
  method: string;
  url: string;
  contentType: string | null;
  /** base64 */
  body: string;
}
interface ForwardedResponse {
  status: number;
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

/** Exports of large sessions take a while: forwarded admin requests may take this long in all. */
const HTTP_BUDGET_MS = 120_000;
const SESSION_PATH = /^\/api\/admin\/sessions\/([^/]+)(\/.*)?$/;

function readRaw(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.reject(new BodyError(`The request is too large (${Math.round(limit / 1e6)} MB at most).`, 413));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on("error", () => reject(new BodyError("The request body could not be read.")));
    req.on("end", () => (size > limit ? reject(new BodyError(`The request is too large (${Math.round(limit / 1e6)} MB at most).`, 413)) : resolve(Buffer.concat(chunks))));
  });
}

/** A request and a response in memory, to run a route handler on a forwarded request. */
async function runInMemory(fr: ForwardedRequest, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<ForwardedResponse> {
  const body = Buffer.from(fr.body, "base64");
  const req = Readable.from(body.length ? [body] : []) as unknown as IncomingMessage;
  Object.assign(req, { method: fr.method, url: fr.url, headers: { ...(fr.contentType ? { "content-type": fr.contentType } : {}), "content-length": String(body.length) } });
  const out: { status: number; headers: Record<string, string>; chunks: Buffer[]; sent: boolean } = { status: 200, headers: {}, chunks: [], sent: false };
  const res = {
    get headersSent() {
      return out.sent;
    },
    setHeader(k: string, v: string | number) {
      out.headers[k.toLowerCase()] = String(v);
    },
    getHeader: (k: string) => out.headers[k.toLowerCase()],
    writeHead(status: number, headers: Record<string, string> = {}) {
      out.status = status;
      for (const [k, v] of Object.entries(headers)) out.headers[k.toLowerCase()] = String(v);
      out.sent = true;
      return res;
    },
    write(chunk: string | Buffer) {
      out.sent = true;
      out.chunks.push(Buffer.from(chunk));
      return true;
    },
    end(chunk?: string | Buffer) {
      out.sent = true;
      if (chunk !== undefined) out.chunks.push(Buffer.from(chunk));
      return res;
    },
  };
  try {
    await handler(req, res as unknown as ServerResponse);
  } catch (e) {
    if (!(e instanceof BodyError)) throw e;
    out.status = e.status;
    out.headers = { "content-type": "application/json; charset=utf-8" };
    out.chunks = [Buffer.from(JSON.stringify({ ok: false, errors: [e.message], error: { code: e.status === 413 ? "action/too_large" : "action/invalid_payload", message: e.message } }))];
  }
  return { status: out.status, headers: out.headers, body: Buffer.concat(out.chunks).toString("base64") };
}

/**
 * Set up forwarding: the owner side answers "http" calls with `handler` (the admin routes), and the
 * returned function forwards a request about a session held elsewhere (true: answered).
 */
export function adminForwarding(rpc: NodeRpc, router: ClusterRouter, handler: (req: IncomingMessage, res: ServerResponse, url: URL, method: string) => Promise<void>) {
  const run = (fr: ForwardedRequest) => runInMemory(fr, (req, res) => handler(req, res, new URL(fr.url, "http://x"), fr.method));
  rpc.handle("http", async (raw) => {
    const { id, args } = raw as { id: string; args: ForwardedRequest };
    return router.onOwner(id, () => run(args), "http", args, HTTP_BUDGET_MS).then((value) => (value === null ? { notOwner: true } : { value }));
  });
  return async function forward(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<boolean> {
    const m = SESSION_PATH.exec(url.pathname);
    if (!m) return false;
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      return false; // the route itself explains the malformed address
    }
    const fr: ForwardedRequest = { method, url: url.pathname + url.search, contentType: req.headers["content-type"] ?? null, body: (await readRaw(req)).toString("base64") };
    // held here: run in memory too (the body was read already); no such session: the route answers 404
    const answer = (await router.onOwner(id, () => run(fr), "http", fr, HTTP_BUDGET_MS)) ?? (await run(fr));
    res.writeHead(answer.status, answer.headers);
    res.end(Buffer.from(answer.body, "base64"));
    return true;
  };
}
