/**
 * What the event log stores of one command's payload: the JSON as is up to a size limit; beyond it
 * (or when it is nested too deeply to serialise) a compact record with the original size, a SHA-256
 * of the original JSON and its first bytes. Never throws, so every command gets its event and the
 * event sequence has no gaps.
 */
import { createHash } from "node:crypto";

/** Bytes of payload JSON stored per event before it is cut (4 KiB). */
export const EVENT_PAYLOAD_MAX_BYTES = 4096;
/** Characters of the original JSON kept in a cut record. */
const HEAD_CHARS = 512;
/** Levels kept when a payload is too deep to serialise. */
const KEPT_DEPTH = 16;

export interface BoundedPayload {
  /** The JSON to store. */
  json: string;
  /** UTF-8 bytes of the payload's full JSON (of its depth-limited rendering when `tooDeep`). */
  bytes: number;
  /** SHA-256 (hex) of the full JSON; null when nothing was cut. */
  sha256: string | null;
  cut: boolean;
}

/** The JSON of `payload`, cut to at most about `maxBytes` bytes. */
export function boundPayload(payload: unknown, maxBytes = EVENT_PAYLOAD_MAX_BYTES): BoundedPayload {
  let full: string | null;
  try {
    full = JSON.stringify(payload ?? null) ?? "null";
  } catch {
    full = null; // nested deeper than the stack allows (or a cycle): keep a depth-limited rendering
  }
  const tooDeep = full === null;
  const text = full ?? JSON.stringify(limitDepth(payload, KEPT_DEPTH));
  const bytes = Buffer.byteLength(text, "utf8");
  if (!tooDeep && bytes <= maxBytes) return { json: text, bytes, sha256: null, cut: false };
  const sha256 = sha256Hex(text);
  const cut = { $cut: { reason: tooDeep ? `nested deeper than can be stored; kept ${KEPT_DEPTH} levels` : `larger than ${maxBytes} bytes`, bytes, sha256, head: text.slice(0, HEAD_CHARS) } };
  return { json: JSON.stringify(cut), bytes, sha256, cut: true };
}

/** A copy of `v` with everything below `depth` levels replaced by "…". Recursion depth ≤ `depth`. */
function limitDepth(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== "object") return v;
  if (depth === 0) return "…";
  if (Array.isArray(v)) return v.map((x) => limitDepth(x, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: limitDepth(x, depth - 1), enumerable: true, writable: true, configurable: true });
  return out;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
