import { CSRF_HEADER, CSRF_VALUE } from "../../lib/protocol/csrf";

/**
 * Small JSON client for the platform's /api routes. Every call resolves (never throws) to either the
 * parsed body or a failure with a message a person can act on, plus any per-field errors.
 */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; message: string; errors: string[]; code: string | null };

interface ErrorBody {
  error?: { message?: unknown; code?: unknown };
  errors?: unknown;
}

function failureOf(status: number, body: unknown): { message: string; errors: string[]; code: string | null } {
  const b = (body ?? {}) as ErrorBody;
  const errors = Array.isArray(b.errors) ? b.errors.map(String) : [];
  const message =
    typeof b.error?.message === "string"
      ? b.error.message
      : errors.length > 0
        ? errors.join("; ")
        : `The server answered with an error (${status}). Please try again.`;
  return { message, errors, code: typeof b.error?.code === "string" ? b.error.code : null };
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
    return { ok: false, status: 0, message: "Could not reach the server. Check your connection and try again.", errors: [], code: null };
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
