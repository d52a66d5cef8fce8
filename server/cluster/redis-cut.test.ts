/**
 * One process loses its path to Redis while it still reaches PostgreSQL and the other process reaches
 * Redis (a cut of its own, not an outage for all). Its session would run on there while every participant
 * on the other process got neither views nor acks; instead it gives the session up, the other process
 * takes it over, and its participants play on. When Redis is back the cut-off process takes sessions again.
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
import { redisProxy } from "../testing/redis-proxy";
import { clusterEnv, startClusterProc, stopClusterProcs, twoGroupsOfFour, until, type ClusterProc } from "../testing/cluster-procs";

const PG = process.env.MECHLAB_TEST_PG_URL;
const REDIS = process.env.MECHLAB_TEST_REDIS_URL;
const ready = Boolean(PG && REDIS);

describe.skipIf(!ready)("cluster: one process cut off from Redis" + (ready ? "" : " (skipped: set MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL to run)"), () => {
  let db: TestDb;
  let pool: pg.Pool;
  const nodes: ClusterProc[] = [];
  const sockets: Socket[] = [];
  const proxy = ready ? redisProxy(new URL(REDIS!)) : null;
  beforeAll(async () => {
    db = await freshPostgres(PG!, "mechlab_cut_test");
    await migrate(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    await proxy!.open();
    const env = clusterEnv(db.url, REDIS!);
    nodes.push(await startClusterProc({ ...env, REDIS_URL: proxy!.url() }, { captureLog: true }), await startClusterProc(env));
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await stopClusterProcs(nodes);
    await proxy?.cut().catch(() => undefined);
    await pool?.end();
    await db?.drop();
  }, 60_000);

  it("gives its session up to the process that reaches Redis, whose participants play on", async () => {
    const [cut, healthy] = nodes as [ClusterProc, ClusterProc];
    const a = `http://127.0.0.1:${cut.port}`;
    const b = `http://127.0.0.1:${healthy.port}`;
    const cookie = await adminCookie(a);
    const created = (await api(a, "/api/admin/sessions", { cookie, body: { treatment: { ...twoGroupsOfFour("redis cut", 2), groups: 1 } } })).json as { session: { id: string } };
    const id = created.session.id;
    const info = (await api(a, `/api/admin/sessions/${id}`, { cookie })).json as { links: { path: string }[] };
    const owner = async () => ((await pool.query(`SELECT "owner" FROM "SessionLease" WHERE "sessionId" = $1`, [id])).rows[0] as { owner: string }).owner;
    expect(await owner()).toContain(`-${cut.proc.pid}-`);

    const views: ParticipantView[][] = info.links.map(() => []);
    for (const [i, l] of info.links.entries()) {
      const s = reconnectWhenServerCloses(ioc(b, { transports: ["websocket"], auth: { token: l.path.slice(3) }, forceNew: true }));
      s.on("p:view", ({ view }: { view: ParticipantView }) => {
        views[i]!.push(view);
        if (view.stage === "intro") s.emit("p:intro", { step: view.introStep }, () => undefined);
      });
      sockets.push(s);
    }
    await until("everyone in round 1's decision", () => views.every((v) => v.at(-1)?.play?.phase === "decide"), 30_000);

    await proxy!.cut();
    await until("the process that reaches Redis owning the session", async () => (await owner()).includes(`-${healthy.proc.pid}-`), 20_000);
    expect(cut.log.some((l) => /has not reached Redis for \d+ s while 1 other process\(es\) do: giving its 1 session\(s\) up/.test(l))).toBe(true);
    // its health check says so (a balancer takes it out of rotation); the other's does not
    const health = async (base: string) => (await fetch(`${base}/api/health`)).status;
    await expect.poll(() => health(a), { timeout: 5000 }).toBe(503);
    expect(await health(b)).toBe(200);

    // the new owner serves the participants: each decision is stored and the round moves on for all
    const seen = views.map((v) => v.length);
    for (const [i, s] of sockets.entries()) {
      const play = views[i]!.at(-1)!.play!;
      const ack = (await s.timeout(8000).emitWithAck("p:action", { clientActionId: `cut-${i}-r1`, action: { type: "invest", x: 1 }, at: { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } })) as { ok: boolean };
      expect(ack.ok, `participant ${i}`).toBe(true);
    }
    await until("everyone sees round 1's results", () => views.every((v, i) => v.length > seen[i]! && v.at(-1)?.play?.phase === "results"), 15_000);

    // Redis back for the cut-off process: it says so and may take sessions again; the session stays where it is
    await proxy!.open();
    await until("the cut-off process back", () => cut.log.some((l) => l.includes("Redis is reachable again; this process takes sessions again")), 30_000);
    expect(await health(a)).toBe(200);
    expect(await owner()).toContain(`-${healthy.proc.pid}-`);
  }, 150_000);
});
