/**
 * Issue 10 items 3 and 12 (event log): every command gets exactly one event with no gaps in the
 * sequence, whatever its payload (1 MB, nested 100,000 levels deep); big payloads are cut to a record
 * with their size and SHA-256; refused input beyond a session's budget is compacted and counted;
 * retried duplicates are logged as duplicates, not as accepted.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { EventLogBudget } from "../sessions/event-budget";
import { boundPayload, EVENT_PAYLOAD_MAX_BYTES } from "../sessions/event-payload";
import { DUPLICATE_CODE, type SessionHost } from "../sessions/host";
import { SessionManager } from "../sessions/manager";
import { SessionStore } from "../sessions/store";
import { freshSqlite, type TestDb } from "../testing/harness";
import { idsTreatment } from "../testing/lab";

const deep = (n: number) => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};


/** A live session on a fresh SQLite database, with every seat through the given steps (each accepted). */
async function openSession(treatment: Record<string, unknown>, steps: readonly ("connect" | "consent" | "instructions")[]) {
  const db = await freshSqlite();
  await migrate(db.url);
  const store = await SessionStore.open(db.url);
  const r = await new SessionManager(store, { botDelayMs: 0 }).create(treatment);
  if (!r.ok) throw new Error(r.errors.join());
  const host = r.host;
  for (const pid of host.state.order)
    for (const kind of steps) expect((await host.dispatch({ actorKind: "participant", participantId: pid }, { kind, pid })).ok).toBe(true);
  return { db, store, host };
}

describe("bounded event payloads", () => {
  it("keeps small payloads as they are and cuts big ones to size + SHA-256 + head", () => {
    expect(boundPayload({ type: "invest", x: 1 })).toEqual({ json: '{"type":"invest","x":1}', bytes: 23, sha256: null, cut: false });
    const big = { x: "é".repeat(300_000) };
    const b = boundPayload(big);
    const full = JSON.stringify(big);
    expect(b.cut).toBe(true);
    expect(b.bytes).toBe(Buffer.byteLength(full));
    expect(b.sha256).toBe(createHash("sha256").update(full).digest("hex"));
    expect(Buffer.byteLength(b.json)).toBeLessThanOrEqual(EVENT_PAYLOAD_MAX_BYTES);
    expect(JSON.parse(b.json).$cut.head).toBe(full.slice(0, 512));
  });

  it("summarises a payload nested too deeply to serialise instead of throwing", () => {
    const b = boundPayload(deep(200_000));
    expect(b.cut).toBe(true);
    expect(JSON.parse(b.json).$cut.reason).toMatch(/nested deeper/);
  });

  it("compacts refused payloads beyond the session budget and counts them; accepted ones are kept", () => {
    const budget = new EventLogBudget(10_000);
    const payload = { x: "a".repeat(3_000) };
    const stored = Array.from({ length: 6 }, () => JSON.parse(budget.payloadJson(payload, false)));
    expect(stored.slice(0, 3)).toEqual([payload, payload, payload]);
    expect(stored[3].$omitted.compactedSoFar).toBe(1);
    expect(stored[5].$omitted.compactedSoFar).toBe(3);
    expect(stored[5].$omitted.sha256).toBe(createHash("sha256").update(JSON.stringify(payload)).digest("hex"));
    expect(JSON.parse(budget.payloadJson(payload, true))).toEqual(payload);
  });
});

describe("the event log of a live session", () => {
  let db: TestDb | undefined;
  let store: SessionStore | undefined;
  let host: SessionHost;
  afterEach(async () => {
    await store?.close();
    await db?.drop();
  });

  it("logs deep, huge and duplicate actions once each, without gaps, duplicates as duplicates", async () => {
    ({ db, store, host } = await openSession(idsTreatment(), ["connect", "consent", "instructions"]));
    const a = host.state.order[0]!;
    const who = { actorKind: "participant" as const, participantId: a };
    const act = (clientActionId: string, action: unknown) => host.dispatch(who, { kind: "action", pid: a, clientActionId, action });
    expect((await act("deep-0000001", deep(100_000))).ok).toBe(false);
    expect((await act("huge-0000001", { type: "invest", x: "9".repeat(1_000_000) })).ok).toBe(false);
    expect((await act("good-0000001", { type: "invest", x: 1 })).ok).toBe(true);
    const again = await act("good-0000001", { type: "invest", x: 1 });
    expect(again.ok && again.duplicate).toBe(true);
    await host.drain();

    const events = await store.events(host.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const byId = (id: string) => events.filter((e) => e.clientActionId === id);
    const [deepEv] = byId("deep-0000001");
    expect(deepEv!.accepted).toBe(false);
    expect(JSON.parse(deepEv!.payloadJson).$cut.reason).toMatch(/nested deeper/);
    const [hugeEv] = byId("huge-0000001");
    expect(JSON.parse(hugeEv!.payloadJson).$cut.bytes).toBeGreaterThan(1_000_000);
    const good = byId("good-0000001");
    expect(good.map((e) => [e.accepted, e.errorCode])).toEqual([
      [true, null],
      [false, DUPLICATE_CODE],
    ]);
    expect(good[1]!.errorMessage).toMatch(/Already counted/);
  });

  it("stores an accepted action as the game read it: keys it ignores (padding, __proto__) never cut or bloat the decision's row", async () => {
    ({ db, store, host } = await openSession(idsTreatment(), ["connect", "consent", "instructions"]));
    const a = host.state.order[0]!;
    const padded = JSON.parse(`{"type":"invest","x":1.5,"junk":${"[".repeat(5_000)}1${"]".repeat(5_000)},"pad":"${"z".repeat(10_000)}","__proto__":{"polluted":true}}`) as unknown;
    const ok = await host.dispatch({ actorKind: "participant", participantId: a }, { kind: "action", pid: a, clientActionId: "padded-00001", action: padded });
    expect(ok.ok).toBe(true);
    // refused input is still logged as sent (bounded), for the audit of what was tried
    const bad = await host.dispatch({ actorKind: "participant", participantId: host.state.order[1]! }, { kind: "action", pid: host.state.order[1]!, clientActionId: "refused-0001", action: { type: "invest", x: -1, note: "n" } });
    expect(bad.ok).toBe(false);
    await host.drain();
    const events = await store.events(host.id);
    const row = events.find((e) => e.clientActionId === "padded-00001")!;
    expect(row.accepted).toBe(true);
    expect(JSON.parse(row.payloadJson)).toEqual({ kind: "action", pid: a, clientActionId: "padded-00001", action: { type: "invest", x: 1.5 } });
    const refused = events.find((e) => e.clientActionId === "refused-0001")!;
    expect(JSON.parse(refused.payloadJson).action).toEqual({ type: "invest", x: -1, note: "n" });
  });
});

describe("a wrong quiz answer", () => {
  let db: TestDb | undefined;
  let store: SessionStore | undefined;
  let host: SessionHost;
  afterEach(async () => {
    await store?.close();
    await db?.drop();
  });

  it("is refused to the participant, logged as refused, and its attempt is stored (quiz_attempts counts every try)", async () => {
    ({ db, store, host } = await openSession(idsTreatment({ intro: { quiz: [{ question: "2+2?", options: ["3", "4"], answer: 1 }] } }), ["connect", "consent", "instructions"]));
    const pid = host.state.order[0]!;
    const who = { actorKind: "participant" as const, participantId: pid };
    const wrong = await host.dispatch(who, { kind: "quiz", pid, answers: [0] });
    expect(!wrong.ok && wrong.error.code).toBe("intro/wrong_answer");
    await host.drain();
    const row = (await store.get(host.id))!;
    const stored = await store.loadState(row);
    expect(stored.participants.get(pid)!.quizAttempts).toBe(1);
    expect(stored.version).toBe(host.state.version);
    expect((await host.dispatch(who, { kind: "quiz", pid, answers: [1] })).ok).toBe(true);
    await host.drain();
    expect((await store.loadState((await store.get(host.id))!)).participants.get(pid)!.quizAttempts).toBe(2);
    const quizEvents = (await store.events(host.id)).filter((e) => e.command === "quiz");
    expect(quizEvents.map((e) => [e.accepted, e.errorCode])).toEqual([
      [false, "intro/wrong_answer"],
      [true, null],
    ]);
  });
});
