/**
 * Game code that crashes in the engine (a bug in a game module's `onExit` here): at a deadline the tick
 * is not retried in a loop, the crash is logged in full and stored once, the monitor shows the group as
 * failed with the error, and the experimenter is told what to do and can end the group; on the last
 * decision the person gets a clear refusal and the monitor shows the error too.
 */
import { afterEach, describe, expect, it } from "vitest";
import { games } from "../../lib/games/registry";
import { migrate } from "../db/migrate";
import { freshSqlite, type TestDb } from "../testing/harness";
import { SessionManager } from "./manager";
import { SessionStore } from "./store";
import type { SessionHost } from "./host";
import { adminMessage } from "./router";

type Hook = ((state: unknown, ctx: unknown) => unknown) | undefined;
const decide = games["ids-investment"]!.phases.decide! as unknown as { onExit: Hook };

let db: TestDb | undefined;
let store: SessionStore | undefined;
let manager: SessionManager | undefined;
const original = decide.onExit;
afterEach(async () => {
  decide.onExit = original;
  await manager?.stop();
  await store?.close();
  await db?.drop();
});

/** The server's clock runs `skipMs` ahead of the real one (to reach a deadline without waiting for it). */
let skipMs = 0;
const clock = () => Date.now() + skipMs;

/** A two-seat IDS session (decisions timed by `decisionSeconds`), both seats through the intro, logging into `logs`. */
async function playing(decisionSeconds: number | null, logs: string[]): Promise<{ host: SessionHost; a: string; b: string }> {
  db = await freshSqlite();
  await migrate(db.url);
  store = await SessionStore.open(db.url);
  skipMs = 0;
  manager = new SessionManager(store, { botDelayMs: 0, clock, log: (l) => logs.push(l) });
  const params = { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 2, decisionSeconds, resultsSeconds: null };
  const r = await manager.create({ name: "crash", game: "ids-investment", params, intro: { quiz: [] } });
  if (!r.ok) throw new Error(r.errors.join());
  const host = r.host;
  const [a, b] = host.state.order as [string, string];
  for (const pid of [a, b]) for (const kind of ["connect", "consent", "instructions"] as const) await host.dispatch({ actorKind: "participant", participantId: pid }, { kind, pid });
  return { host, a, b };
}

const admin = { actorKind: "admin", participantId: null } as const;
const bugInOnExit = () => {
  throw new Error("bug in onExit");
};

describe("a game hook that crashes at a deadline", () => {
  it("is recorded once, retried after a growing delay, shown on the monitor, and the experimenter can end the group", async () => {
    const logs: string[] = [];
    const { host } = await playing(5, logs);
    let calls = 0;
    decide.onExit = () => (calls++, bugInOnExit());
    skipMs = 6000; // the deadline has passed
    host.armWake();
    await new Promise((r) => setTimeout(r, 3500)); // without the fix ~150 tries a second
    expect(calls).toBeGreaterThanOrEqual(2); // retried (1 s, then 2 s later)…
    expect(calls).toBeLessThanOrEqual(4); // …but not in a loop
    expect(logs.filter((l) => /tick crashed in the engine \(/.test(l))).toHaveLength(1); // in full once
    expect(logs.filter((l) => l.includes("bug in onExit"))).toHaveLength(1); // the stack once
    const ticks = (await store!.events(host.id)).filter((e) => e.command === "tick" && !e.accepted);
    expect(ticks).toHaveLength(1);

    const group = adminMessage(host, clock()).view.groups[0]!;
    expect(group.gameCrash).toMatchObject({ message: "bug in onExit", command: "tick" });
    expect(group.gameCrash!.attempts).toBe(calls);

    // "End phase now" crashes the same way: the experimenter is told what to do
    const forced = await host.dispatch(admin, { kind: "forcePhaseEnd", groupId: group.id });
    expect(forced.ok).toBe(false);
    if (!forced.ok) expect(forced.error.message).toMatch(/bug in onExit.*end the group/);
    // the way out: end the group (its members go on to the survey); no more ticks crash
    const ended = await host.dispatch(admin, { kind: "endFailedGroup", groupId: group.id });
    expect(ended).toMatchObject({ ok: true });
    expect(host.state.groups.get(group.id)!.status).toBe("ended");
    expect(adminMessage(host, clock()).view.groups[0]!.gameCrash).toBeNull();
    const after = calls;
    await new Promise((r) => setTimeout(r, 1500));
    expect(calls).toBe(after);
  }, 20_000);
});

describe("a game hook that crashes at one group's deadline", () => {
  it("holds back that group's retries only: the session's other groups keep their deadlines", async () => {
    const logs: string[] = [];
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    skipMs = 0;
    manager = new SessionManager(store, { botDelayMs: 0, clock, log: (l) => logs.push(l) });
    const params = { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 2, decisionSeconds: 5, resultsSeconds: 3 };
    const r = await manager.create({ name: "crash-one-group", game: "ids-investment", params, groups: 2, matching: "fixed", intro: { quiz: [] } });
    if (!r.ok) throw new Error(r.errors.join());
    const host = r.host;
    for (const pid of host.state.order) for (const kind of ["connect", "consent", "instructions"] as const) await host.dispatch({ actorKind: "participant", participantId: pid }, { kind, pid });
    const [crashing, other] = host.state.groups.toArray().map((g) => g.id) as [string, string];
    expect(host.state.groups.get(other)!.status).toBe("playing");
    const crashingMembers = host.state.groups.get(crashing)!.members;
    let calls = 0;
    decide.onExit = function (this: unknown, state: unknown, ctx: unknown) {
      if (!(ctx as { players: readonly string[] }).players.some((p) => crashingMembers.includes(p))) return original!.call(this, state, ctx);
      calls++;
      return bugInOnExit();
    };
    const at = (gid: string) => {
      const g = host.state.groups.get(gid)!;
      return `${g.status} round ${g.round} ${g.phase}`;
    };
    const before = at(other);
    skipMs = 6000; // both groups' decision deadlines have passed
    host.armWake();
    await new Promise((res) => setTimeout(res, 400));
    expect(calls).toBe(1);
    expect(at(crashing)).toBe(before); // nothing of the crashing group's deadline was applied
    expect(at(other)).not.toBe(before); // the other group's deadline went through on time
    // the other group's next deadlines (its results, its second decision, …) come while the crashing
    // group waits for its retry (1 s, 2 s, 4 s…): each goes through at its time
    let beforeRetry = 0;
    for (let step = 0; step < 3; step++) {
      const was = at(other);
      const deadline = host.state.groups.get(other)!.deadlineMs!;
      const retryAt = host.crashes.heldDeadlines().get(crashing)!;
      expect(retryAt).toBeGreaterThan(clock());
      const tries = calls;
      skipMs += deadline - clock() + 10;
      host.armWake();
      await new Promise((res) => setTimeout(res, 300));
      expect(at(other)).not.toBe(was);
      if (deadline + 300 < retryAt) {
        expect(calls).toBe(tries); // the crashing group was not tried: its retry is not due
        beforeRetry++;
      }
    }
    expect(beforeRetry).toBeGreaterThan(0);
    expect(host.state.groups.get(other)!.status).toBe("finished"); // played its two rounds on time
    expect(at(crashing)).toBe(before);
    expect(calls).toBeGreaterThanOrEqual(2); // retried…
    expect(calls).toBeLessThanOrEqual(5); // …not in a loop
    expect(logs.filter((l) => /tick crashed in the engine \(/.test(l))).toHaveLength(1);
    const rows = adminMessage(host, clock()).view.groups;
    expect(rows.find((g) => g.id === crashing)!.gameCrash).toMatchObject({ message: "bug in onExit", command: "tick" });
    expect(rows.find((g) => g.id === other)!.gameCrash).toBeNull();
    // the crash is stored once as a refused tick
    const refused = (await store!.events(host.id)).filter((e) => e.command === "tick" && !e.accepted);
    expect(refused).toHaveLength(1);
    // ending the failed group stops its retries
    expect(await host.dispatch(admin, { kind: "endFailedGroup", groupId: crashing })).toMatchObject({ ok: true });
    const after = calls;
    await new Promise((res) => setTimeout(res, 1500));
    expect(calls).toBe(after);
  }, 20_000);
});

describe("a game hook that crashes on the last decision", () => {
  it("refuses the decision clearly, logs it in full once, and shows it on the monitor", async () => {
    const logs: string[] = [];
    const { host, a, b } = await playing(null, logs);
    decide.onExit = bugInOnExit;
    const act = (pid: string, id: string) => host.dispatch({ actorKind: "participant", participantId: pid }, { kind: "action", pid, clientActionId: id, action: { type: "invest", x: 1 } });
    expect((await act(a, "first-0001")).ok).toBe(true);
    for (const id of ["last-0001", "last-0002"]) {
      const r = await act(b, id);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: "session/conflict", wording: { key: "gameFailed" } });
    }
    expect(logs.filter((l) => l.includes("bug in onExit"))).toHaveLength(1);
    const group = adminMessage(host, clock()).view.groups[0]!;
    expect(group.gameCrash).toMatchObject({ message: "bug in onExit", command: "action", attempts: 2 });
    // fixed: the same decision goes through and the group goes on
    decide.onExit = original;
    expect((await act(b, "last-0003")).ok).toBe(true);
    expect(adminMessage(host, clock()).view.groups[0]!.gameCrash).toBeNull();
  }, 20_000);
});
