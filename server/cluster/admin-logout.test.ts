/**
 * Admin logins across processes: logging out on one process ends the session on every other one (its
 * requests refused, its open monitor socket closed) within seconds, and `mechlab admin-password` ends
 * every admin session on every running process and makes the new password work there, without a restart.
 *
 * Needs MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL (CI sets both); reports itself skipped otherwise.
 */
import { randomBytes } from "node:crypto";
import { io as ioc } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER, CSRF_VALUE } from "../../lib/protocol/csrf";
import { runAdminPassword } from "../cli/admin-password";
import { migrate } from "../db/migrate";
import { startClusterProc, stopClusterProcs, until, type ClusterProc } from "../testing/cluster-procs";
import { api, freshPostgres, type TestDb } from "../testing/harness";

const PG = process.env.MECHLAB_TEST_PG_URL;
const REDIS = process.env.MECHLAB_TEST_REDIS_URL;
const ready = Boolean(PG && REDIS);

/** `mechlab admin-password --password <pw>` against the test database (its output swallowed). */
async function resetPassword(dbUrl: string, pw: string): Promise<void> {
  const saved = { url: process.env.DATABASE_URL, admin: process.env.ADMIN_PASSWORD };
  const write = process.stdout.write;
  process.env.DATABASE_URL = dbUrl;
  delete process.env.ADMIN_PASSWORD;
  process.stdout.write = () => true;
  try {
    expect(await runAdminPassword(["--password", pw])).toBe(0);
  } finally {
    process.stdout.write = write;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.admin !== undefined) process.env.ADMIN_PASSWORD = saved.admin;
  }
}

/** Whether the process accepts the admin cookie (`/api/admin/me` answers `{ ok }`). */
async function authed(base: string, cookie: string): Promise<boolean> {
  return (await api(base, "/api/admin/me", { cookie })).json?.ok === true;
}

async function login(base: string, password: string): Promise<string | null> {
  const r = await fetch(`${base}/api/admin/login`, { method: "POST", headers: { "content-type": "application/json", [CSRF_HEADER]: CSRF_VALUE }, body: JSON.stringify({ password }) });
  return r.status === 200 ? (r.headers.get("set-cookie") ?? "").split(";")[0]! : null;
}

describe.skipIf(!ready)("cluster: admin logout and password reset on every process" + (ready ? "" : " (skipped: set MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL to run)"), () => {
  let db: TestDb;
  const nodes: ClusterProc[] = [];
  beforeAll(async () => {
    db = await freshPostgres(PG!, "mechlab_admin_logout_test");
    await migrate(db.url);
    await resetPassword(db.url, "first-password-1");
    // no ADMIN_PASSWORD: the stored password counts (the one `mechlab admin-password` sets)
    const env = { DATABASE_URL: db.url, REDIS_URL: REDIS!, MECHLAB_REDIS_PREFIX: `mechlab-admin-test-${process.pid}-${randomBytes(3).toString("hex")}:`, ADMIN_PASSWORD: "", NODE_ENV: "production" };
    nodes.push(...(await Promise.all([startClusterProc(env), startClusterProc(env)])));
  }, 120_000);
  afterAll(async () => {
    await stopClusterProcs(nodes);
    await db?.drop();
  }, 60_000);

  it("a logout on one process ends the session on the other, sockets included", async () => {
    const [a, b] = nodes.map((n) => `http://127.0.0.1:${n.port}`) as [string, string];
    const cookie = (await login(a, "first-password-1"))!;
    expect(cookie).toBeTruthy();
    const other = (await login(b, "first-password-1"))!;
    for (const base of [a, b]) expect(await authed(base, cookie)).toBe(true);
    const monitor = ioc(b, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie, origin: b }, forceNew: true, reconnection: false });
    let closed = false;
    monitor.on("disconnect", () => (closed = true));
    await until("the admin socket on the other process connected", () => monitor.connected, 10_000);

    const t0 = Date.now();
    expect((await api(a, "/api/admin/logout", { cookie, body: {} })).status).toBe(200);
    expect(await authed(a, cookie)).toBe(false);
    await until("the other process refuses the session", async () => !(await authed(b, cookie)), 10_000);
    await until("the other process closed its admin socket", () => closed, 10_000);
    const ms = Date.now() - t0;
    console.log(`admin logout: the other process refused the session and closed its socket ${ms} ms after the logout`);
    expect(ms).toBeLessThan(6000);
    // another admin's session is untouched
    for (const base of [a, b]) expect(await authed(base, other)).toBe(true);
    monitor.close();
  }, 60_000);

  it("`mechlab admin-password` ends every session on every running process; the new password works at once", async () => {
    const [a, b] = nodes.map((n) => `http://127.0.0.1:${n.port}`) as [string, string];
    const cookies = [(await login(a, "first-password-1"))!, (await login(b, "first-password-1"))!];
    for (const c of cookies) for (const base of [a, b]) expect(await authed(base, c)).toBe(true);
    const t0 = Date.now();
    await resetPassword(db.url, "second-password-2");
    await until("every session refused on both processes", async () => {
      for (const c of cookies) for (const base of [a, b]) if (await authed(base, c)) return false;
      return true;
    }, 10_000);
    console.log(`admin-password: every session refused on both processes ${Date.now() - t0} ms after the reset`);
    expect(await login(a, "first-password-1")).toBeNull();
    const fresh = (await login(a, "second-password-2"))!;
    expect(fresh).toBeTruthy();
    // the process that has not seen a login since the reset accepts the new session and the new password
    expect(await authed(b, fresh)).toBe(true);
    expect(await login(b, "second-password-2")).toBeTruthy();
  }, 60_000);
});
