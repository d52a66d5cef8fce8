/** Small helpers for the JSON API. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { jsonDepth } from "./json-depth";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text);
}

export function sendFile(res: ServerResponse, body: string, contentType: string, filename: string) {
  res.writeHead(200, {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  });
  res.end(body);
}

/** A request the server refuses to read; `status` is 400 (not JSON), 408 (too slow) or 413 (too large). */
export class BodyError extends Error {
  constructor(message: string, readonly status: 400 | 408 | 413 = 400) {
    super(message);
  }
}

export const BODY_LIMIT = 2_000_000;

/**
 * How long a JSON body may take to arrive once a route starts reading it. A client that sends a body a
 * few bytes at a time would otherwise hold its connection (and a file descriptor) until Node's
 * `requestTimeout`; a real browser sends a login or a join in milliseconds, and 2 MB in 20 s is 100 KB/s.
 */
/** Arrays and objects nested deeper than this in a JSON body are refused (400) before they are parsed. */
export const MAX_JSON_DEPTH = 64;
export const BODY_DEADLINE_MS = 20_000;

const answers = new WeakMap<IncomingMessage, { res: ServerResponse; bodyDeadlineMs: number }>();

/**
 * Tell `readJson` which response answers `req` (server/app.ts does for every request), so that a body
 * still incomplete after `bodyDeadlineMs` is answered 408 at once and the connection closed. Without
 * it `readJson` only rejects with a `BodyError` of status 408.
 */
export function answerSlowBodies(req: IncomingMessage, res: ServerResponse, bodyDeadlineMs = BODY_DEADLINE_MS): void {
  answers.set(req, { res, bodyDeadlineMs });
}

/** "2 MB", "4 KB": a limit in bytes, as the error message says it. */
function sizeText(bytes: number): string {
  return bytes >= 1e6 ? `${Math.round(bytes / 1e6)} MB` : bytes >= 1000 ? `${Math.round(bytes / 1000)} KB` : `${bytes} bytes`;
}

/**
 * Read a JSON body (2 MB at most; an empty body reads as `{}`). A body declared or found to be larger is
 * refused with 413 without being kept in memory; one that has not arrived completely within the
 * deadline (`deadlineMs`, else the one given to `answerSlowBodies`, else `BODY_DEADLINE_MS`) with 408.
 */
export function readJson(req: IncomingMessage, limit = BODY_LIMIT, deadlineMs?: number): Promise<unknown> {
  const tooLarge = () => new BodyError(`The request is too large (${sizeText(limit)} at most).`, 413);
  if (Number(req.headers["content-length"] ?? 0) > limit) {
    req.resume(); // discard
    return Promise.reject(tooLarge());
  }
  const answer = answers.get(req);
  const ms = deadlineMs ?? answer?.bodyDeadlineMs ?? BODY_DEADLINE_MS;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", onData);
      f();
    };
    const timer = setTimeout(() => {
      const e = new BodyError(`The request body did not arrive within ${Math.round(ms / 100) / 10} s. Please check your connection and try again.`, 408);
      settle(() => reject(e));
      if (answer && !answer.res.headersSent)
        // the rest of the body is not waited for: the connection closes once this answer is sent
        sendJson(answer.res, 408, { ok: false, errors: [e.message], error: { code: "request/timeout", message: e.message } }, { connection: "close" });
    }, ms);
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      settle(() => reject(tooLarge()));
      req.resume(); // discard the rest
    };
    req.on("data", onData);
    const unreadable = () => settle(() => reject(new BodyError("The request body could not be read.")));
    req.on("error", unreadable);
    req.on("close", unreadable); // the client went away before the end (after "end" this does nothing)
    req.on("end", () =>
      settle(() => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (text.trim() === "") return resolve({});
        if (jsonDepth(text, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH)
          return reject(new BodyError(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep; no mechlab request needs that many.`));
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new BodyError("The request body is not valid JSON."));
        }
      }),
    );
  });
}

/** A path segment decoded, or null when its %-escapes are malformed. */
export function decodeSegment(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
