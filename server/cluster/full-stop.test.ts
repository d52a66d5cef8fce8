/**
 * Every process of a cluster stopped in the middle of a timed decision (the documented way to update:
 * stop all, update, start again): while no process held the session its clock stands still, as a single
 * process's does over a restart, so the decision resumes with the time it had left. Before, the stored
 * absolute deadline ran on through the downtime and present participants were recorded as timed out.
 * (A quick failover to a process that is up keeps the deadline: failover.test.ts, clock-skew.test.ts.)
 *
 * Needs MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL (CI sets both); reports itself skipped otherwise.
 */
import pg from "pg";
import { io as ioc, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParticipantView } from "../../lib/engine/views";
import { migrate } from "../db/migrate";
import { adminCookie, api, freshPostgres, type TestDb } from "../testing/harness";
import { clusterEnv, startClusterProc, stopClusterProcs, twoGroupsOfFour, until, type ClusterProc } from "../testing/cluster-procs";

const PG = process.env.MECHLAB_TEST_PG_URL;
const REDIS = process.env.MECHLAB_TEST_REDIS_URL;
const ready = Boolean(PG && REDIS);
const DOWN_MS = 12_000;

describe.skipIf(!ready)("cluster: every process stopped during a session" + (ready ? "" : " (skipped: set MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL to run)"), () => {
  let db: TestDb;
  let pool: pg.Pool;
  const nodes: ClusterProc[] = [];
  const sockets: Socket[] = [];
  beforeAll(async () => {
    db = await freshPostgres(PG!, "mechlab_fullstop_test");
    await migrate(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await stopClusterProcs(nodes);
    await pool?.end();
    await db?.drop();
  }, 60_000);

  /** Each participant's view of round 1's decision: this machine's time of the deadline it shows. */
  function watch(base: string, links: { path: string }[], deadlines: number[][], views: (ParticipantView | null)[]) {
    for (const [i, l] of links.entries()) {
      const s = ioc(base, { transports: ["websocket"], auth: { token: l.path.slice(3) }, forceNew: true, reconnection: false });
      s.on("p:view", ({ view }: { view: ParticipantView }) => {
        views[i] = view;
        if (view.stage === "intro") s.emit("p:intro", { step: view.introStep }, () => undefined);
        const play = view.play;
        if (play?.phase === "decide" && play.round === 1 && typeof play.remainingMs === "number") deadlines[i]!.push(Date.now() + play.remainingMs);
      });
      sockets.push(s);
    }
  }

  it("a decision open when every process stopped resumes with the time it had left", async () => {
    const env = clusterEnv(db.url, REDIS!);
    nodes.push(...(await Promise.all([startClusterProc(env), startClusterProc(env)])));
    const base = `http://127.0.0.1:${nodes[0]!.port}`;
    const cookie = await adminCookie(base);
    const created = (await api(base, "/api/admin/sessions", { cookie, body: { treatment: { ...twoGroupsOfFour("full stop", 2), groups: 1 } } })).json as { session: { id: string } };
    const id = created.session.id;
    const info = (await api(base, `/api/admin/sessions/${id}`, { cookie })).json as { links: { path: string }[] };
    const before: number[][] = info.links.map(() => []);
    watch(base, info.links, before, info.links.map(() => null));
    await until("everyone in round 1's decision", () => before.every((d) => d.length > 0), 30_000);

    // stop every process (SIGTERM: each gives its leases up), stay down, start one again
    for (const s of sockets.splice(0)) s.close();
    const stoppedAt = Date.now();
    await stopClusterProcs(nodes.splice(0));
    const left = before.map((d) => d[d.length - 1]! - stoppedAt);
    for (const ms of left) expect(ms).toBeGreaterThan(100_000);
    await new Promise((r) => setTimeout(r, DOWN_MS));
    const restarted = await startClusterProc(env);
    nodes.push(restarted);
    const startedAt = Date.now();

    const after: number[][] = info.links.map(() => []);
    const views: (ParticipantView | null)[] = info.links.map(() => null);
    watch(`http://127.0.0.1:${restarted.port}`, info.links, after, views);
    await until("round 1's decision seen again", () => after.every((d) => d.length > 0), 30_000);
    for (const [i, d] of after.entries()) {
      const remaining = d[d.length - 1]! - Date.now();
      // the time left at the stop, less the few seconds since the restart; not less the DOWN_MS stop
      expect(remaining, `participant ${i}`).toBeGreaterThan(left[i]! - (Date.now() - startedAt) - 2_500);
      expect(remaining, `participant ${i}`).toBeLessThan(left[i]! + 1_000);
      expect(views[i]?.play?.round).toBe(1);
    }
    const timedOut = await pool.query(`SELECT count(*)::int AS n FROM "PlayerRound" WHERE "sessionId" = $1 AND "timedOut"`, [id]);
    expect(timedOut.rows[0].n).toBe(0);
  }, 180_000);
});
