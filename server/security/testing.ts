/**
 * Helpers for the security tests: raw HTTP requests with exactly the headers given (fetch would add or
 * forbid some, e.g. Host), and a small session to act on.
 */
import { request } from "node:http";
import { api } from "../testing/harness";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export function raw(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, method: opts.method ?? (opts.body === undefined ? "GET" : "POST"), headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("error", reject);
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

/** The error message of a JSON error body ("" when there is none). */
export function messageOf(json: unknown): string {
  if (typeof json !== "object" || json === null) return "";
  const e = (json as { error?: { message?: unknown } }).error;
  return typeof e?.message === "string" ? e.message : "";
}

export const smallTreatment = {
  name: "security test",
  game: "ids-investment",
  params: {
    alpha: [11, 12, 13],
    W: [[1, 0.4, 0.4], [0.4, 1, 0.4], [0.4, 0.4, 1]],
    c: [0.7, 0.8, 0.9],
    xMax: 5,
    rounds: 2,
    decisionSeconds: 60,
    resultsSeconds: null,
  },
  intro: { quiz: [] },
};

export async function createSession(base: string, cookie: string): Promise<{ id: string; code: string; tokens: string[] }> {
  const r = await api(base, "/api/admin/sessions", { body: { treatment: smallTreatment }, cookie });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.text}`);
  const detail = await api(base, `/api/admin/sessions/${r.json.session.id}`, { cookie });
  return { id: r.json.session.id, code: r.json.session.code, tokens: (detail.json.links as { path: string }[]).map((l) => l.path.slice(3)) };
}
