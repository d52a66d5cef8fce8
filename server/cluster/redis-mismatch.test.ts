/**
 * One process started with another Redis prefix than the rest (a typo in one machine's settings): it
 * shares the database but cannot reach the others over Redis. A request for a session another process
 * runs must be answered within seconds with what is wrong, and its log must say what to check — not
 * wait two minutes for a lease that keeps being renewed, then fail with a stack trace.
 *
 * Needs MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL (CI sets both); reports itself skipped otherwise.
 */
import { randomBytes } from "node:crypto";
import { io as ioc } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { ADMIN_PASSWORD, adminCookie, api, freshPostgres, type TestDb } from "../testing/harness";
import { startClusterProc, stopClusterProcs, twoGroupsOfFour, until, type ClusterProc } from "../testing/cluster-procs";

const PG = process.env.MECHLAB_TEST_PG_URL;
const REDIS = process.env.MECHLAB_TEST_REDIS_URL;
const ready = Boolean(PG && REDIS);

describe.skipIf(!ready)("cluster: a process on another Redis prefix" + (ready ? "" : " (skipped: set MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL to run)"), () => {
  let db: TestDb;
  const nodes: ClusterProc[] = [];
  const prefix = `mechlab-test-${process.pid}-${randomBytes(3).toString("hex")}`;
  beforeAll(async () => {
    db = await freshPostgres(PG!, "mechlab_prefix_test");
    await migrate(db.url);
    const env = { DATABASE_URL: db.url, REDIS_URL: REDIS!, MECHLAB_LEASE_MS: "3000", ADMIN_PASSWORD, NODE_ENV: "production" };
    nodes.push(await startClusterProc({ ...env, MECHLAB_REDIS_PREFIX: `${prefix}-a:` }));
    nodes.push(await startClusterProc({ ...env, MECHLAB_REDIS_PREFIX: `${prefix}-typo:` }, { captureLog: true }));
  }, 120_000);
  afterAll(async () => {
    await stopClusterProcs(nodes);
    await db?.drop();
  }, 60_000);

  it("answers 503 within seconds, says what to check in its log, and turns the participant away", async () => {
    const [good, typo] = nodes as [ClusterProc, ClusterProc];
    const a = `http://127.0.0.1:${good.port}`;
    const b = `http://127.0.0.1:${typo.port}`;
    const cookie = await adminCookie(a);
    const created = (await api(a, "/api/admin/sessions", { cookie, body: { treatment: twoGroupsOfFour("prefix", 1) } })).json as { session: { id: string } };
    const id = created.session.id;
    const info = (await api(a, `/api/admin/sessions/${id}`, { cookie })).json as { links: { path: string }[] };

    const t0 = Date.now();
    const r = await api(b, `/api/admin/sessions/${id}`, { cookie: await adminCookie(b) });
    const tookMs = Date.now() - t0;
    expect(r.status).toBe(503);
    expect((r.json as { error: { message: string } }).error.message).toMatch(/cannot be reached from this one.*Nothing was changed/);
    expect(tookMs).toBeLessThan(15_000);
    const said = typo.log.filter((l) => l.includes("cannot be reached over Redis"));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`Redis prefix "${prefix}-typo:"`);
    expect(said[0]).toContain("MECHLAB_REDIS_PREFIX");
    expect(typo.log.some((l) => /failed:|\n\s+at /.test(l))).toBe(false);

    // a participant's link opened on that process: turned away within the socket's budget, said once a minute in the log
    const s = ioc(b, { transports: ["websocket"], auth: { token: info.links[0]!.path.slice(3) }, forceNew: true, reconnection: false });
    let reason = "";
    s.on("disconnect", (why) => (reason = why));
    await until("the participant turned away", () => reason !== "", 15_000);
    expect(reason).toBe("io server disconnect");
    s.close();
    expect(typo.log.filter((l) => l.includes("cannot be reached over Redis"))).toHaveLength(1);

    // the process that runs the session is untouched: it still answers for it
    expect((await api(a, `/api/admin/sessions/${id}`, { cookie })).status).toBe(200);
  }, 120_000);
});
