import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { SessionStore } from "../sessions/store";
import { freshSqlite, type TestDb } from "../testing/harness";
import { runAdminPassword } from "../cli/admin-password";
import { ADMIN_COOKIE, AdminAuth } from "./admin-auth";

let db: TestDb | undefined;
let store: SessionStore | undefined;
const saved = process.env.ADMIN_PASSWORD;
afterEach(async () => {
  process.env.ADMIN_PASSWORD = saved;
  await store?.close();
  await db?.drop();
});

async function openStore() {
  db = await freshSqlite();
  await migrate(db.url);
  store = await SessionStore.open(db.url);
  return store;
}

const header = (cookie: string | null) => `${ADMIN_COOKIE}=${cookie}`;

describe("admin password", () => {
  it("an ADMIN_PASSWORD longer than the login page accepts stops the start with a message (nobody could log in)", async () => {
    process.env.ADMIN_PASSWORD = "y".repeat(1025);
    const s = await openStore();
    await expect(AdminAuth.init(s, () => {})).rejects.toThrow(/ADMIN_PASSWORD has 1025 characters; the login page accepts at most 1024/);
  });

  it("is generated once when ADMIN_PASSWORD is unset, printed once, and only its hash is stored", async () => {
    delete process.env.ADMIN_PASSWORD;
    const s = await openStore();
    const lines: string[] = [];
    const auth = await AdminAuth.init(s, (l) => lines.push(l));
    const shown = /password \(shown once\): (\S+)/.exec(lines.join("\n"))?.[1];
    expect(shown).toBeTruthy();
    const stored = await s.getSetting("adminPasswordHash");
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(shown!);
    const cookie = await auth.login(shown!);
    expect(cookie).not.toBeNull();
    expect(await auth.verifyCookieHeader(header(cookie))).toBe(true);
    expect(await auth.login("wrong")).toBeNull();
    expect(await auth.verifyCookieHeader(header(cookie!.replace(/.$/, (c) => (c === "x" ? "y" : "x"))))).toBe(false);
    // a second start prints nothing, the same password still works, and the session survives the restart
    const again: string[] = [];
    const auth2 = await AdminAuth.init(s, (l) => again.push(l));
    expect(again.join("")).not.toMatch(/password/);
    expect(await auth2.login(shown!)).not.toBeNull();
    expect(await auth2.verifyCookieHeader(header(cookie))).toBe(true);
  });

  it("sessions expire after 12 hours", async () => {
    process.env.ADMIN_PASSWORD = "from-env";
    const s = await openStore();
    let now = 1_000_000;
    const auth = await AdminAuth.init(s, () => {}, () => now);
    const cookie = await auth.login("from-env");
    now += 11 * 3600 * 1000;
    expect(await auth.verifyCookieHeader(header(cookie))).toBe(true);
    now += 2 * 3600 * 1000;
    expect(await auth.verifyCookieHeader(header(cookie))).toBe(false);
  });

  it("logout revokes the session on the server, also for a later restart", async () => {
    process.env.ADMIN_PASSWORD = "from-env";
    const s = await openStore();
    const auth = await AdminAuth.init(s, () => {});
    const a = await auth.login("from-env");
    const b = await auth.login("from-env");
    await auth.logout(header(a));
    expect(await auth.verifyCookieHeader(header(a))).toBe(false);
    expect(await auth.verifyCookieHeader(header(b))).toBe(true); // another admin's session stays
    const restarted = await AdminAuth.init(s, () => {});
    expect(await restarted.verifyCookieHeader(header(a))).toBe(false);
    expect(await restarted.verifyCookieHeader(header(b))).toBe(true);
  });

  it("a changed ADMIN_PASSWORD revokes every session opened under the old one", async () => {
    process.env.ADMIN_PASSWORD = "first";
    const s = await openStore();
    const cookie = await (await AdminAuth.init(s, () => {})).login("first");
    process.env.ADMIN_PASSWORD = "second";
    const changed = await AdminAuth.init(s, () => {});
    expect(await changed.verifyCookieHeader(header(cookie))).toBe(false);
    expect(await changed.login("first")).toBeNull();
    // going back to the old password does not bring the old session back (it was deleted)
    process.env.ADMIN_PASSWORD = "first";
    expect(await (await AdminAuth.init(s, () => {})).verifyCookieHeader(header(cookie))).toBe(false);
  });

  it("`mechlab admin-password` revokes every session of the old password", async () => {
    delete process.env.ADMIN_PASSWORD;
    const s = await openStore();
    const lines: string[] = [];
    const first = await AdminAuth.init(s, (l) => lines.push(l));
    const old = /password \(shown once\): (\S+)/.exec(lines.join("\n"))![1]!;
    const cookie = await first.login(old);
    const savedUrl = process.env.DATABASE_URL;
    const write = process.stdout.write;
    process.env.DATABASE_URL = db!.url;
    process.stdout.write = () => true;
    try {
      expect(await runAdminPassword(["--password", "brand-new-password"])).toBe(0);
    } finally {
      process.stdout.write = write;
      if (savedUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = savedUrl;
    }
    const restarted = await AdminAuth.init(s, () => {});
    expect(await restarted.verifyCookieHeader(header(cookie))).toBe(false);
    expect(await restarted.login(old)).toBeNull();
    expect(await restarted.login("brand-new-password")).not.toBeNull();
    // the server that was running all along: the old session ends within seconds, the new password works
    const end = Date.now() + 5000;
    while ((await first.verifyCookieHeader(header(cookie))) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(await first.verifyCookieHeader(header(cookie))).toBe(false);
    expect(await first.login(old)).toBeNull();
    const fresh = await first.login("brand-new-password");
    expect(fresh).not.toBeNull();
    expect(await first.verifyCookieHeader(header(fresh))).toBe(true);
    first.stop();
    restarted.stop();
  });

  it("a malformed %-escape in another cookie does not break verification", async () => {
    process.env.ADMIN_PASSWORD = "from-env";
    const s = await openStore();
    const auth = await AdminAuth.init(s, () => {});
    const cookie = await auth.login("from-env");
    expect(await auth.verifyCookieHeader(`other=%E0%A4%A; ${header(cookie)}; bad=%`)).toBe(true);
    expect(await auth.verifyCookieHeader("other=%E0%A4%A")).toBe(false);
  });

  it("checks passwords off the event loop: a timer fires while 12 checks are running", async () => {
    process.env.ADMIN_PASSWORD = "from-env";
    const s = await openStore();
    const auth = await AdminAuth.init(s, () => {});
    let settled = 0;
    const checks = Array.from({ length: 12 }, () => auth.passwordMatches("wrong").then(() => settled++));
    const settledWhenTimerFired = await new Promise<number>((r) => setTimeout(() => r(settled), 0));
    expect(settledWhenTimerFired).toBeLessThan(12);
    await Promise.all(checks);
    expect(settled).toBe(12);
  });
});
