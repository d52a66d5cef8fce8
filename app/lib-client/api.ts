import { CSRF_HEADER, CSRF_VALUE } from "../../lib/protocol/csrf";
import type { Wording } from "../../lib/i18n/refusal";

/**
 * Small JSON client for the platform's /api routes. Every call resolves (never throws) to either the
 * parsed body or a failure with a message a person can act on, plus any per-field errors.
 */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; message: string; errors: string[]; code: string | null; wording?: Wording };

interface ErrorBody {
  error?: { message?: unknown; code?: unknown; wording?: unknown };
  errors?: unknown;
}

/** A wording the server sent (a catalogue key and plain values), checked loosely: the page falls back to `message`. */
function wordingOf(w: unknown): Wording | undefined {
  if (typeof w !== "object" || w === null || typeof (w as { key?: unknown }).key !== "string") return undefined;
  const values = (w as { values?: unknown }).values;
  const plain = typeof values === "object" && values !== null && Object.values(values).every((v) => typeof v === "string" || typeof v === "number");
  return { key: (w as { key: string }).key, ...(plain ? { values: values as Record<string, string | number> } : {}) } as Wording;
}

function failureOf(status: number, body: unknown): { message: string; errors: string[]; code: string | null; wording?: Wording } {
  const b = (body ?? {}) as ErrorBody;
  const errors = Array.isArray(b.errors) ? b.errors.map(String) : [];
  const message =
    typeof b.error?.message === "string"
      ? b.error.message
      : errors.length > 0
        ? errors.join("; ")
        : `The server answered with an error (${status}). Please try again.`;
  const wording = wordingOf(b.error?.wording);
  return { message, errors, code: typeof b.error?.code === "string" ? b.error.code : null, ...(wording ? { wording } : {}) };
}

/** Call an /api route with an optional JSON body. `{ok:false}` bodies count as failures. */
export async function api<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      // the server accepts admin changes only with this header and only as JSON (cross-site defence)
      headers: method === "GET" ? { [CSRF_HEADER]: CSRF_VALUE } : { [CSRF_HEADER]: CSRF_VALUE, "content-type": "application/json" },
      ...(method === "GET" ? {} : { body: JSON.stringify(body ?? {}) }),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      message: "Could not reach the server. Check your connection and try again.",
      errors: [],
      code: null,
      wording: { key: "unreachable" },
    };
  }
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  const flaggedFailure = typeof parsed === "object" && parsed !== null && (parsed as { ok?: unknown }).ok === false;
  if (!res.ok || flaggedFailure) return { ok: false, status: res.status, ...failureOf(res.status, parsed) };
  return { ok: true, status: res.status, body: parsed as T };
}
