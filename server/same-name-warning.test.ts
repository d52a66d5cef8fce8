/**
 * The launch check (POST /api/admin/treatments/validate) warns when a new session would repeat an earlier
 * session's name for the same game with other parameters: the exports would pool the two conditions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MechlabApp } from "./app";
import { adminCookie, api, freshSqlite, startApp, type TestDb } from "./testing/harness";

let db: TestDb;
let app: MechlabApp;
let base: string;
let cookie: string;
beforeAll(async () => {
  db = await freshSqlite();
  ({ app, base } = await startApp(db.url));
  cookie = await adminCookie(base);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const baseline = { name: "Baseline", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 2 } };
const warningsOf = async (treatment: unknown): Promise<string[]> => {
  const r = await api(base, "/api/admin/treatments/validate", { body: { treatment }, cookie });
  expect(r.status).toBe(200);
  return (r.json as { check: { warnings: string[] } }).check.warnings;
};

describe("same name, other parameters", () => {
  it("warns with the earlier session's room code; not for the same parameters or another name", async () => {
    const other = { ...baseline, params: { ...baseline.params, alpha: [10, 20] } };
    expect((await warningsOf(other)).filter((w) => /already uses the name/.test(w))).toEqual([]);
    const made = await api(base, "/api/admin/sessions", { body: { treatment: baseline }, cookie });
    expect(made.status).toBe(201);
    const code = (made.json as { session: { code: string } }).session.code;
    const w = (await warningsOf(other)).filter((x) => /already uses the name/.test(x));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(`Session ${code} (`);
    expect(w[0]).toContain('give this one its own name, e.g. "Baseline 2"');
    expect((await warningsOf(baseline)).filter((x) => /already uses the name/.test(x))).toEqual([]);
    expect((await warningsOf({ ...other, name: "Baseline 2" })).filter((x) => /already uses the name/.test(x))).toEqual([]);
  });
});
