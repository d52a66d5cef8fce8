/**
 * Two server processes reach Redis through a proxy that is cut for a while in the middle of a round. The
 * session runs on process A; half of each group plays through process B. While Redis is away, A's
 * players finish the round: the views that tell B's players about it never reach B. Once Redis is back,
 * B's players must get their current views by themselves (no reload) and the session must play to its end.
 *
 * Needs MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL (CI sets both); reports itself skipped otherwise.
 */
import { io as ioc, type Socket } from "socket.io-client";
import { reconnectWhenServerCloses } from "../testing/reconnect";
import { SocketTrace } from "../testing/socket-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParticipantView } from "../../lib/engine/views";
import { migrate } from "../db/migrate";
import { adminCookie, api, freshPostgres, type TestDb } from "../testing/harness";
import { redisProxy } from "../testing/redis-proxy";
import { clusterEnv, startClusterProc, stopClusterProcs, twoGroupsOfFour, until, type ClusterProc } from "../testing/cluster-procs";

const PG = process.env.MECHLAB_TEST_PG_URL;
const REDIS = process.env.MECHLAB_TEST_REDIS_URL;
const ready = Boolean(PG && REDIS);

/** A participant that answers every screen at once, except round 2's decision while `hold` says so. */
class Player {
  socket: Socket;
  view: ParticipantView | null = null;
  views = 0;
  /** What happened on this player's socket, for the message of a failure. */
  readonly trace: SocketTrace;
  private busy = false;
  constructor(
    readonly index: number,
    base: string,
    token: string,
    private readonly hold: () => boolean,
  ) {
    this.socket = ioc(base, { transports: ["websocket"], auth: { token }, forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    this.trace = new SocketTrace(this.socket);
    const note = (what: string) => this.trace.note(what);
    this.socket.on("p:view", ({ view }: { view: ParticipantView }) => {
      note(`view ${view.stage}/${view.introStep}/${view.play?.round ?? "-"}/${view.play?.phase ?? "-"}`);
      this.view = view;
      this.views++;
      this.act();
    });
    this.socket.on("connect", () =>
      this.socket.emit("p:sync", {}, (r: { ok: boolean; data?: { view: ParticipantView }; error?: { code: string } }) => {
        note(`sync ${r.ok ? r.data?.view.stage : r.error?.code}`);
        if (r.ok && r.data) ((this.view = r.data.view), this.act());
      }),
    );
    reconnectWhenServerCloses(this.socket);
  }
  act() {
    const view = this.view;
    if (!view || this.busy || !this.socket.connected || view.stage === "done") return;
    if (view.stage === "intro") return this.send("p:intro", { step: view.introStep });
    const play = view.play;
    if (!play || !play.myTurn) return;
    if (play.phase === "decide" && play.round === 2 && this.hold()) return;
    const action = play.phase === "decide" ? { type: "invest", x: 1 + (this.index % 3) } : { type: "continue" };
    this.send("p:action", { clientActionId: `o${this.index}-r${play.round}-${play.phase}-${play.phaseSeq}`, action, at: { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } });
  }
  private send(event: string, payload: unknown) {
    this.busy = true;
    this.trace.note(`send ${event} ${JSON.stringify(payload).slice(0, 80)}`);
    this.socket.timeout(8000).emit(event, payload, (err: Error | null, ack?: { ok: boolean; error?: { code: string } }) => {
      this.trace.note(err ? "no answer" : ack?.ok ? "ok" : `refused ${ack?.error?.code}`);
      this.busy = false;
      setTimeout(() => this.act(), 100);
    });
  }
}

describe.skipIf(!ready)("cluster: Redis away in the middle of a round" + (ready ? "" : " (skipped: set MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL to run)"), () => {
  let db: TestDb;
  const nodes: ClusterProc[] = [];
  const players: Player[] = [];
  const proxy = redisProxy(new URL(REDIS ?? "redis://127.0.0.1:6379"));
  beforeAll(async () => {
    db = await freshPostgres(PG!, "mechlab_redis_outage_test");
    await migrate(db.url);
    await proxy.open();
    const env = clusterEnv(db.url, proxy.url());
    nodes.push(...(await Promise.all([startClusterProc(env, { captureLog: true }), startClusterProc(env, { captureLog: true })])));
  }, 120_000);
  afterAll(async () => {
    for (const p of players) p.socket.close();
    await stopClusterProcs(nodes);
    await proxy.cut().catch(() => undefined);
    await db?.drop();
  }, 60_000);

  it("the players on the other process get the views they missed once Redis is back, and the session ends", async () => {
    const [a, b] = nodes.map((n) => `http://127.0.0.1:${n.port}`) as [string, string];
    const cookie = await adminCookie(a);
    const created = (await api(a, "/api/admin/sessions", { cookie, body: { treatment: twoGroupsOfFour("redis outage", 3) } })).json as { session: { id: string } };
    const id = created.session.id;
    const info = (await api(a, `/api/admin/sessions/${id}`, { cookie })).json as { links: { path: string }[] };
    let outage = false;
    // groups form in the order people are ready: two on the owner, then two through the other process, for each group;
    // the owner's players hold round 2's decision until Redis is cut
    for (const [i, l] of info.links.entries()) {
      const p = new Player(i, i % 4 < 2 ? a : b, l.path.slice(3), () => i % 4 < 2 && !outage);
      players.push(p);
      await until(`player ${i} ready`, () => p.view !== null && p.view.stage !== "intro", 20_000).catch((e: Error) => {
        const logs = nodes.map((n, k) => `process ${k}:\n${n.log.slice(-40).join("\n")}`).join("\n");
        throw new Error(`${e.message} (via process ${i % 4 < 2 ? 0 : 1}); its socket:\n${p.trace}\n${logs}`);
      });
    }
    const viaB = players.filter((_, i) => i % 4 >= 2);
    await until("round 2: the players on the other process decided", () => viaB.every((p) => p.view?.play?.round === 2 && p.view.play.myTurn === false), 60_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(players.map((p) => [p.view?.stage, p.view?.play?.round, p.view?.play?.phase, p.view?.play?.myTurn, p.socket.connected]))}`);
    });
    outage = true;
    await proxy.cut();
    for (const p of players) p.act(); // the owner's players decide and read on while Redis is away
    await new Promise((r) => setTimeout(r, 8_000));
    const before = viaB.map((p) => p.views);
    await proxy.open();
    // the views sent while Redis was away arrive now, unasked
    await until("the other process's players got views again", () => viaB.every((p, k) => p.views > before[k]!), 30_000);
    await until("everyone on the final page", () => players.every((p) => p.view?.stage === "done"), 60_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(players.map((p) => [p.view?.stage, p.view?.play?.round, p.view?.play?.phase, p.view?.play?.myTurn, p.socket.connected, p.views]))}`);
    });
    const rows = (await api(a, `/api/admin/sessions/${id}/export/data.csv`, { cookie })).text.trim().split("\n");
    expect(rows.length - 1).toBe(players.length * 3);
  }, 180_000);
});
