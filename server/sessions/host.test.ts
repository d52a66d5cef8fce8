import { afterEach, describe, expect, it } from "vitest";
import { games } from "../../lib/games/registry";
import { freshSqlite, type TestDb } from "../testing/harness";
import { SessionManager } from "./manager";
import type { SessionStore } from "./store";
import type { SessionHost } from "./host";
import { twoSeatSession as twoSeat } from "../testing/two-seat";

let db: TestDb | undefined;
let store: SessionStore | undefined;
afterEach(async () => {
  await store?.close();
  await db?.drop();
});

/** A fresh database with a two-seat IDS session of `rounds` untimed rounds (no bots) in a new manager. */
async function twoSeatSession(name: string, rounds: number) {
  db = await freshSqlite();
  const t = await twoSeat(db.url, name, rounds);
  store = t.store; // closed after each test
  return t;
}

/** Connect each seat and take it through consent and instructions. */
async function throughIntro(host: SessionHost, pids: readonly string[]) {
  for (const pid of pids)
    for (const kind of ["connect", "consent", "instructions"] as const) await host.dispatch({ actorKind: "participant", participantId: pid }, { kind, pid });
}

describe("SessionHost", () => {
  it("answers with an error, changes nothing and keeps serving when a game module throws", async () => {
    const { manager, host, store } = await twoSeatSession("crash", 1);
    const [a, b] = host.state.order as [string, string];
    await throughIntro(host, [a, b]);
    const decide = games["ids-investment"]!.phases.decide!;
    const original = decide.apply;
    (decide as { apply: typeof original }).apply = () => {
      throw new Error("boom");
    };
    const version = host.state.version;
    const bad = await host.dispatch({ actorKind: "participant", participantId: a }, { kind: "action", pid: a, clientActionId: "crash-0001", action: { type: "invest", x: 1 } });
    (decide as { apply: typeof original }).apply = original;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/Nothing was changed/);
    expect(host.state.version).toBe(version);
    const good = await host.dispatch({ actorKind: "participant", participantId: a }, { kind: "action", pid: a, clientActionId: "crash-0002", action: { type: "invest", x: 1 } });
    expect(good.ok).toBe(true);
    const events = await store.events(host.id);
    expect(events.some((e) => e.clientActionId === "crash-0001" && !e.accepted)).toBe(true);
    await manager.stop();
  });
});

describe("SessionHost and a game module that throws on a bot's move", () => {
  it("does not retry the move in a loop: the group waits, the log says why, the session keeps serving", async () => {
    const { manager, host } = await twoSeatSession("crash-loop", 1);
    const [a, b] = host.state.order as [string, string];
    await throughIntro(host, [a, b]);
    const decide = games["ids-investment"]!.phases.decide!;
    const original = decide.apply;
    let calls = 0;
    (decide as { apply: typeof original }).apply = () => {
      calls++;
      throw new Error("boom");
    };
    const crashes: unknown[] = [];
    host.on("crash", (e) => crashes.push(e));
    try {
      await host.dispatch({ actorKind: "admin", participantId: null }, { kind: "replaceWithBot", pid: a });
      await new Promise((r) => setTimeout(r, 500));
      // the bot tried once (each try crashed in the engine); without the guard it tried again at once, thousands of times
      expect(calls).toBeGreaterThanOrEqual(1);
      expect(calls).toBeLessThanOrEqual(2);
      expect(crashes.length).toBe(calls);
    } finally {
      (decide as { apply: typeof original }).apply = original;
    }
    const good = await host.dispatch({ actorKind: "participant", participantId: b }, { kind: "action", pid: b, clientActionId: "after-crash", action: { type: "invest", x: 1 } });
    expect(good.ok).toBe(true);
    await manager.stop();
  });
});

describe("SessionManager.stop", () => {
  it("loads no session once stopping (a disconnect handled while the server closes does not reopen the database)", async () => {
    const { manager, host, store } = await twoSeatSession("stop", 1);
    const id = host.id;
    // a load under way when stop() begins finishes before stop() returns
    const fresh = new SessionManager(store, { botDelayMs: 0 });
    const loading = fresh.get(id);
    await fresh.stop();
    expect(await loading).not.toBeNull();
    let reads = 0;
    const get = store.get.bind(store);
    store.get = async (sid: string) => (reads++, get(sid));
    expect(await fresh.get(id)).toBeNull();
    expect(reads).toBe(0);
    await manager.stop();
  });
});

describe("SessionStore: the top-level JSON is written only when it changed", () => {
  it("loads a session at the version column's version after commands that left the top-level fields alone, and goes on", async () => {
    const { manager, host, store } = await twoSeatSession("top", 2);
    const [a, b] = host.state.order as [string, string];
    const as = (pid: string) => ({ actorKind: "participant" as const, participantId: pid });
    for (const pid of [a, b]) for (const kind of ["connect", "consent", "instructions"] as const) expect((await host.dispatch(as(pid), { kind, pid })).ok).toBe(true);
    // a's decision changes a's part and the group's, not the session's top-level fields
    const before = (await store.get(host.id))!;
    expect((await host.dispatch(as(a), { kind: "action", pid: a, clientActionId: "top-0001", action: { type: "invest", x: 1 } })).ok).toBe(true);
    const row = (await store.get(host.id))!;
    expect(row.version).toBe(host.state.version);
    expect(row.version).toBeGreaterThan(before.version);
    expect(row.stateJson).toBe(before.stateJson); // not rewritten: its own version is older than the column's
    expect(JSON.parse(row.stateJson).version).toBeLessThan(row.version);
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    const expected = plain(host.state);
    await manager.stop();

    // another process loads it at the column's version and the next command's version check passes
    const again = new SessionManager(store, { botDelayMs: 0 });
    const loaded = await again.get(row.id);
    expect(loaded).not.toBeNull();
    // presence is soft state: loading marks everyone offline (as of the load)
    const offline = <S extends { participants: Record<string, { connected: boolean; offlineSinceMs: number | null }> }>(s: S): S => {
      for (const p of Object.values(s.participants)) Object.assign(p, { connected: false, offlineSinceMs: null });
      return s;
    };
    const { version: _v, ...rest } = offline(plain(loaded!.state));
    const { version: _e, ...expectedRest } = offline(expected);
    expect(rest).toEqual(expectedRest);
    expect(loaded!.state.version).toBeGreaterThanOrEqual(row.version); // the load marks everyone offline (one more command)
    expect((await loaded!.dispatch(as(b), { kind: "action", pid: b, clientActionId: "top-0002", action: { type: "invest", x: 2 } })).ok).toBe(true);
    expect((await store.get(row.id))!.version).toBe(loaded!.state.version);
    await again.stop();
  });
});
