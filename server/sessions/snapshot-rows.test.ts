/**
 * The snapshot's rows in a real database (server/sessions/snapshot.ts): each participant's round history
 * has its own row, written when a round ends; a session stored before those rows existed (histories
 * inside the participants' rows) loads, plays on and reloads to exactly the state that was served.
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshSqlite, type TestDb } from "../testing/harness";
import { twoSeatSession } from "../testing/two-seat";
import { SessionManager } from "./manager";
import type { SessionStore } from "./store";
import type { SessionHost } from "./host";
import { plainSessionState, type SessionState } from "../../lib/engine";

let db: TestDb | undefined;
let store: SessionStore | undefined;
afterEach(async () => {
  await store?.close();
  await db?.drop();
});

/**
 * The state as plain JSON, without who is online: a loaded session marks every seat offline in memory
 * until they connect again, and that is not written until their next command.
 */
const plain = (s: SessionState) => {
  const j = JSON.parse(JSON.stringify(plainSessionState(s)));
  for (const p of Object.values(j.participants) as Record<string, unknown>[]) {
    delete p.connected;
    delete p.offlineSinceMs;
  }
  return j;
};

async function stored(st: SessionStore, id: string) {
  const row = (await st.get(id))!;
  return st.loadState(row);
}

async function act(host: SessionHost, pid: string, cmd: Record<string, unknown>) {
  const r = await host.dispatch({ actorKind: "participant", participantId: pid }, { pid, ...cmd } as never);
  if (!r.ok) throw new Error(`${String(cmd.kind)}: ${r.error.message}`);
}

/** Both seats decide and go on: one round. */
async function playRound(host: SessionHost, round: number) {
  for (const phase of ["decide", "results"] as const)
    for (const pid of host.state.order) {
      const g = host.state.groups.get(host.state.participants.get(pid)!.groupId!)!;
      const action = phase === "decide" ? { type: "invest", x: 1 + round / 10 } : { type: "continue" };
      await act(host, pid, { kind: "action", clientActionId: `${pid}-r${round}-${phase}`, action, at: { round: g.round, phase: g.phase, phaseSeq: g.phaseSeq } });
    }
}

describe("snapshot rows", () => {
  it("keep each history in its own row, and a session stored the old way plays on and reloads exactly", async () => {
    db = await freshSqlite();
    const t = await twoSeatSession(db.url, "rows", 3);
    store = t.store;
    const { manager, host } = t;
    for (const pid of host.state.order) for (const kind of ["connect", "consent", "instructions"]) await act(host, pid, { kind });
    await playRound(host, 1);
    const rows = await store.db.snapshotPart.findMany({ where: { sessionId: host.id } });
    for (const pid of host.state.order) {
      const p = rows.find((x) => x.kind === "p" && x.key === pid)!;
      expect(JSON.parse(p.json)).not.toHaveProperty("history");
      expect(JSON.parse(rows.find((x) => x.kind === "h" && x.key === pid)!.json)).toHaveLength(1);
    }
    expect(plain(await stored(store, host.id))).toEqual(plain(host.state));
    const id = host.id;
    await manager.stop();

    // the same session as an older mechlab stored it: histories in the participants' rows, no "h" rows
    const state = await stored(store, id);
    for (const p of state.participants.values())
      await store.db.snapshotPart.update({ where: { sessionId_kind_key: { sessionId: id, kind: "p", key: p.id } }, data: { json: JSON.stringify(p) } });
    await store.db.snapshotPart.deleteMany({ where: { sessionId: id, kind: "h" } });
    expect(plain(await stored(store, id))).toEqual(plain(state));

    // a restarted server plays it on: after every command the database holds exactly the state served
    const again = new SessionManager(store, { botDelayMs: 0 });
    const h2 = (await again.get(id))!;
    const [a, b] = h2.state.order as [string, string];
    const historyRows = () => store!.db.snapshotPart.count({ where: { sessionId: id, kind: "h" } });
    expect(await historyRows()).toBe(0);
    // presence is not stored (a connect is logged only), so the first row rewritten is that of a's decision
    await act(h2, a, { kind: "connect" });
    await act(h2, b, { kind: "connect" });
    const g = () => h2.state.groups.get("g1")!;
    await act(h2, a, { kind: "action", clientActionId: "a-r2-decide", action: { type: "invest", x: 1.5 }, at: { round: g().round, phase: g().phase, phaseSeq: g().phaseSeq } });
    // a's row (and b's, whose presence changed in memory since the load) is now written without the
    // history: the history's own row comes with it, for every row written so
    const after = await store.db.snapshotPart.findMany({ where: { sessionId: id } });
    const lean = after.filter((x) => x.kind === "p" && !("history" in JSON.parse(x.json))).map((x) => x.key);
    expect(lean).toContain(a);
    expect(after.filter((x) => x.kind === "h").map((x) => x.key).sort()).toEqual(lean.sort());
    expect(plain(await stored(store, id))).toEqual(plain(h2.state));
    await act(h2, b, { kind: "action", clientActionId: "b-r2-decide", action: { type: "invest", x: 1.5 }, at: { round: g().round, phase: g().phase, phaseSeq: g().phaseSeq } });
    for (const pid of [a, b]) await act(h2, pid, { kind: "action", clientActionId: `${pid}-r2-go`, action: { type: "continue" }, at: { round: g().round, phase: g().phase, phaseSeq: g().phaseSeq } });
    expect(await historyRows()).toBe(2);
    expect(plain(await stored(store, id))).toEqual(plain(h2.state));
    expect(h2.state.participants.get(a)!.history.map((x) => x.round)).toEqual([1, 2]);
    expect(h2.state.participants.get(b)!.history.map((x) => x.round)).toEqual([1, 2]);
    await playRound(h2, 3);
    const end = await stored(store, id);
    expect(plain(end)).toEqual(plain(h2.state));
    expect(end.participants.get(a)!.history.map((x) => x.round)).toEqual([1, 2, 3]);
    // every decision is in the long table too
    expect(await store.db.playerRound.count({ where: { sessionId: id } })).toBe(6);
    await again.stop();
  });
});
