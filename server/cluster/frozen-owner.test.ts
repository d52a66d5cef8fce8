/**
 * The owner of a session freezes (SIGSTOP: a long pause, an overloaded or cut-off machine) while its Redis
 * connection stays open. Another process takes the session over. The participants, connected to the two
 * healthy processes the whole time, must be seen as connected by the new owner, get its views and keep
 * their seats — not count as gone and be replaced by bots after the dropout grace. Socket.IO's
 * cross-process socket listing waits for every process subscribed to Redis, the frozen one included, so
 * presence is asked of each process on its own (server/cluster/presence.ts).
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
const GRACE_S = 3;

describe.skipIf(!ready)("cluster: the owner frozen with its Redis connection open" + (ready ? "" : " (skipped: set MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL to run)"), () => {
  let db: TestDb;
  let pool: pg.Pool;
  const nodes: ClusterProc[] = [];
  const sockets: Socket[] = [];
  beforeAll(async () => {
    db = await freshPostgres(PG!, "mechlab_frozen_test");
    await migrate(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const env = clusterEnv(db.url, REDIS!);
    nodes.push(...(await Promise.all([startClusterProc(env), startClusterProc(env), startClusterProc(env)])));
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    nodes[0]?.proc.kill("SIGCONT");
    await stopClusterProcs(nodes);
    await pool?.end();
    await db?.drop();
  }, 60_000);

  it("keeps the participants on the healthy processes connected, seated and served", async () => {
    const [frozen, b, c] = nodes as [ClusterProc, ClusterProc, ClusterProc];
    const owner = `http://127.0.0.1:${frozen.port}`;
    const cookie = await adminCookie(owner);
    const treatment = { ...twoGroupsOfFour("frozen owner", 2), groups: 1, dropout: { policy: "bot", graceSeconds: GRACE_S } };
    const created = (await api(owner, "/api/admin/sessions", { cookie, body: { treatment } })).json as { session: { id: string } };
    const id = created.session.id;
    const info = (await api(owner, `/api/admin/sessions/${id}`, { cookie })).json as { links: { path: string }[] };
    const lease = async () => (await pool.query(`SELECT "owner" FROM "SessionLease" WHERE "sessionId" = $1`, [id])).rows[0] as { owner: string };
    expect((await lease()).owner).toContain(`-${frozen.proc.pid}-`);

    // four participants, on the two processes that stay healthy; each notes the views it gets
    const views: ParticipantView[][] = info.links.map(() => []);
    for (const [i, l] of info.links.entries()) {
      const via = `http://127.0.0.1:${(i % 2 ? c : b).port}`;
      const s = reconnectWhenServerCloses(ioc(via, { transports: ["websocket"], auth: { token: l.path.slice(3) }, forceNew: true }));
      s.on("p:view", ({ view }: { view: ParticipantView }) => {
        views[i]!.push(view);
        if (view.stage === "intro") s.emit("p:intro", { step: view.introStep }, () => undefined);
      });
      sockets.push(s);
    }
    await until("everyone in round 1's decision", () => views.every((v) => v.at(-1)?.play?.phase === "decide"), 30_000);

    frozen.proc.kill("SIGSTOP");
    await until("a healthy process owning the session", async () => !(await lease()).owner.includes(`-${frozen.proc.pid}-`), 20_000);
    const seen = views.map((v) => v.length);
    // past the dropout grace, with time to check presence (each process has 1.5 s to answer)
    await new Promise((r) => setTimeout(r, (GRACE_S + 4) * 1000));

    const newOwner = `http://127.0.0.1:${(await lease()).owner.includes(`-${b.proc.pid}-`) ? b.port : c.port}`;
    const monitor = (await api(newOwner, `/api/admin/sessions/${id}`, { cookie: await adminCookie(newOwner) })).json as {
      view: { participants: { presence: string; bot: boolean }[] };
    };
    expect(monitor.view.participants.map((p) => p.presence)).toEqual(["online", "online", "online", "online"]);
    expect(monitor.view.participants.some((p) => p.bot)).toBe(false);

    // the new owner serves them: a decision from each is stored and the round moves on for all
    for (const [i, s] of sockets.entries()) {
      const play = views[i]!.at(-1)!.play!;
      const ack = (await s.timeout(8000).emitWithAck("p:action", { clientActionId: `frozen-${i}-r1`, action: { type: "invest", x: 1 }, at: { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } })) as { ok: boolean };
      expect(ack.ok, `participant ${i}`).toBe(true);
    }
    await until("everyone sees round 1's results from the new owner", () => views.every((v, i) => v.length > seen[i]! && v.at(-1)?.play?.phase === "results"), 15_000);
  }, 120_000);
});
