import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { SessionStore } from "../sessions/store";
import { freshSqlite, type TestDb } from "../testing/harness";
import { ADMIN_COOKIE, AdminAuth } from "./admin-auth";

let db: TestDb | undefined;
let store: SessionStore | undefined;
const saved = process.env.ADMIN_PASSWORD;
afterEach(async () => {
  process.env.ADMIN_PASSWORD = saved;
  await store?.close();
  await db?.drop();
});

describe("admin password", () => {
  it("is generated once when ADMIN_PASSWORD is unset, printed once, and only its hash is stored", async () => {
    delete process.env.ADMIN_PASSWORD;
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    const lines: string[] = [];
    const auth = await AdminAuth.init(store, (l) => lines.push(l));
    const shown = /password \(shown once\): (\S+)/.exec(lines.join("\n"))?.[1];
    expect(shown).toBeTruthy();
    const stored = await store.getSetting("adminPasswordHash");
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(shown!);
    const cookie = auth.login(shown!);
    expect(cookie).not.toBeNull();
    expect(auth.verifyCookieHeader(`${ADMIN_COOKIE}=${encodeURIComponent(cookie!)}`)).toBe(true);
    expect(auth.login("wrong")).toBeNull();
    expect(auth.verifyCookieHeader(`${ADMIN_COOKIE}=${encodeURIComponent(cookie!.replace(/.$/, "x"))}`)).toBe(false);
    // a second start prints nothing and the same password still works
    const again: string[] = [];
    const auth2 = await AdminAuth.init(store, (l) => again.push(l));
    expect(again.join("")).not.toMatch(/password/);
    expect(auth2.login(shown!)).not.toBeNull();
  });

  it("uses ADMIN_PASSWORD when set; cookies expire", async () => {
    process.env.ADMIN_PASSWORD = "from-env";
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    const auth = await AdminAuth.init(store, () => {});
    const cookie = auth.login("from-env", 0)!;
    expect(auth.verifyCookieHeader(`${ADMIN_COOKIE}=${cookie}`, 1000)).toBe(true);
    expect(auth.verifyCookieHeader(`${ADMIN_COOKIE}=${cookie}`, 13 * 3600 * 1000)).toBe(false);
  });
});
