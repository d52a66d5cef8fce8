/** Small helpers for the JSON API. */
import type { IncomingMessage, ServerResponse } from "node:http";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
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

/** A request the server refuses to read; `status` is 400 (not JSON) or 413 (too large). */
export class BodyError extends Error {
  constructor(message: string, readonly status: 400 | 413 = 400) {
    super(message);
  }
}

export const BODY_LIMIT = 2_000_000;

/**
 * Read a JSON body (2 MB at most; an empty body reads as `{}`). A body declared or found to be larger is
 * refused with 413 without being kept in memory.
 */
export function readJson(req: IncomingMessage, limit = BODY_LIMIT): Promise<unknown> {
  const tooLarge = () => new BodyError(`The request is too large (${Math.round(limit / 1e6)} MB at most).`, 413);
  if (Number(req.headers["content-length"] ?? 0) > limit) {
    req.resume(); // discard
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off("data", onData);
      req.resume();
      reject(tooLarge());
    };
    req.on("data", onData);
    req.on("error", () => reject(new BodyError("The request body could not be read.")));
    req.on("end", () => {
      if (size > limit) return;
      const text = Buffer.concat(chunks).toString("utf8");
      if (text.trim() === "") return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new BodyError("The request body is not valid JSON."));
      }
    });
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
