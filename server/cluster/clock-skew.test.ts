/**
 * Two server processes whose machines' clocks differ by 30 s: the session's owner (clock 30 s ahead) is
 * killed in the middle of a timed decision; the other process takes it over and must keep the deadline
 * the participants saw, to the second. Before every process counted by the database's clock
 * (server/cluster/db-clock.ts), the phase jumped by the machines' difference at the takeover.
 *
 * Needs MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL (CI sets both); reports itself skipped otherwise.
 */
import pg from "pg";
import { io as ioc, type Socket } from "socket.io-client";
import { reconnectWhenServerCloses } from "../testing/reconnect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParticipantView } from "../../lib/engine/views";
import { migrate } from "../db/migrate";
import { adminCookie, api, freshPostgres, type TestDb } from "../testing/harness";
import { clusterEnv, startClusterProc, stopClusterProcs, twoGroupsOfFour, until, type ClusterProc } from "../testing/cluster-procs";

const PG = process.env.MECHLAB_TEST_PG_URL;
const REDIS = process.env.MECHLAB_TEST_REDIS_URL;
const ready = Boolean(PG && REDIS);
const SKEW_MS = 30_000;

describe.skipIf(!ready)("cluster: machines whose clocks differ" + (ready ? "" : " (skipped: set MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL to run)"), () => {
  let db: TestDb;
  let pool: pg.Pool;
  const nodes: ClusterProc[] = [];
  const sockets: Socket[] = [];
  beforeAll(async () => {
    db = await freshPostgres(PG!, "mechlab_clock_test");
    await migrate(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const env = clusterEnv(db.url, REDIS!);
    nodes.push(...(await Promise.all([startClusterProc({ ...env, MECHLAB_TEST_CLOCK_SKEW_MS: String(SKEW_MS) }), startClusterProc(env)])));
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await stopClusterProcs(nodes);
    await pool?.end();
    await db?.drop();
  }, 60_000);

  it("a session taken over by a process whose clock is 30 s behind keeps the decision's deadline", async () => {
    const [skewed, plain] = nodes as [ClusterProc, ClusterProc];
    const owner = `http://127.0.0.1:${skewed.port}`;
    const other = `http://127.0.0.1:${plain.port}`;
    const cookie = await adminCookie(owner);
    const created = (await api(owner, "/api/admin/sessions", { cookie, body: { treatment: { ...twoGroupsOfFour("clock skew", 2), groups: 1 } } })).json as { session: { id: string } };
    const id = created.session.id;
    const info = (await api(owner, `/api/admin/sessions/${id}`, { cookie })).json as { links: { path: string }[] };
    const ownerOf = async () => ((await pool.query(`SELECT "owner" FROM "SessionLease" WHERE "sessionId" = $1`, [id])).rows[0] as { owner: string }).owner;
    expect(await ownerOf()).toContain(`-${skewed.proc.pid}-`);

    // the participants are on the other process (their views come from the owner through it): they stay
    // connected when the owner dies; each notes the decision's deadline by this machine's clock
    const deadlines: number[][] = info.links.map(() => []);
    for (const [i, l] of info.links.entries()) {
      const s = reconnectWhenServerCloses(ioc(other, { transports: ["websocket"], auth: { token: l.path.slice(3) }, forceNew: true }));
      s.on("p:view", ({ view }: { view: ParticipantView }) => {
        if (view.stage === "intro") s.emit("p:intro", { step: view.introStep }, () => undefined);
        const play = view.play;
        if (play?.phase === "decide" && play.round === 1 && typeof play.remainingMs === "number") deadlines[i]!.push(Date.now() + play.remainingMs);
      });
      sockets.push(s);
    }
    await until("everyone in round 1's decision", () => deadlines.every((d) => d.length > 0), 30_000);
    const first = deadlines.map((d) => d[0]!);
    // 120 s from when it started, by the owner's clock as the participants see it
    for (const t of first) expect(Math.abs(t - (Date.now() + 120_000))).toBeLessThan(5_000);
    const seen = deadlines.map((d) => d.length);

    skewed.proc.kill("SIGKILL");
    await until("the other process owning the session", async () => (await ownerOf()).includes(`-${plain.proc.pid}-`), 15_000);
    await until("a view of the decision from the new owner", () => deadlines.every((d, i) => d.length > seen[i]!), 15_000);
    for (const [i, d] of deadlines.entries()) expect(Math.abs(d[d.length - 1]! - first[i]!), `participant ${i}`).toBeLessThan(1_500);
  }, 120_000);
});
