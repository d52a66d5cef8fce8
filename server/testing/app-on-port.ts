/**
 * A mechlab server (API and Socket.io, no pages unless a `nextHandler` is given) on a free port and a fresh
 * SQLite file, for tests that need options `openLab` (server/testing/lab.ts) does not pass: call it once per
 * file or describe block; after each test the server is closed, its database dropped, and the raw sockets
 * the test put in `sockets` destroyed.
 */
import type { Socket } from "node:net";
import { afterEach } from "vitest";
import { createMechlabApp, type AppOptions, type MechlabApp } from "../app";
import { ADMIN_PASSWORD, freshSqlite, type TestDb } from "./harness";

export function appOnPort() {
  let db: TestDb | undefined;
  let app: MechlabApp | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await app?.close();
    await db?.drop();
    app = undefined;
    db = undefined;
  });
  return {
    sockets,
    /** The running server (after `start`). */
    get app(): MechlabApp {
      if (!app) throw new Error("start the server first");
      return app;
    },
    async start(opts: Omit<AppOptions, "dbUrl" | "log"> = {}): Promise<{ base: string; port: number }> {
      process.env.ADMIN_PASSWORD = ADMIN_PASSWORD;
      process.env.MECHLAB_QUIET = "1";
      db = await freshSqlite();
      app = await createMechlabApp({ dbUrl: db.url, log: () => {}, ...opts });
      const port = await app.listen(0);
      return { base: `http://127.0.0.1:${port}`, port };
    },
  };
}
