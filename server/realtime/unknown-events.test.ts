/**
 * Events a participant's socket does not handle cost like the ones it does (docs/security.md, "Floods from
 * one participant"): an attacker's review flooded one seat's 8 sockets with 322,000 events of a made-up
 * name in 8 s; each was answered, none counted against the seat's rate limit, no socket was closed, and
 * another seat's `p:sync` went from 1–2 ms to up to a second. Now a name no mechlab page sends closes its
 * socket at once (with or without an answer asked for), and the other kind's events (an admin event on a
 * participant's socket) cost from the seat's budget and count as strikes.
 */
import { io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { Client } from "../testing/harness";
import { openLab, type Lab } from "../testing/lab";

const open = (base: string, token: string): Client => ioc(base, { transports: ["websocket"], auth: { token }, forceNew: true, reconnection: false });
const outcome = (s: Client) =>
  new Promise<{ error: string | null; key?: string }>((res) => {
    s.once("connect", () => res({ error: null }));
    s.once("connect_error", (e) => res({ error: e.message, key: (e as Error & { data?: { wording?: { key?: string } } }).data?.wording?.key }));
  });
/** Emit an event the typed client does not know. */
const raw = (s: Client) => s as unknown as { emit(ev: string, ...a: unknown[]): void; connected: boolean };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Why the server closed the socket, or "still open" after `ms`. */
const closedWithin = (s: Client, ms: number) =>
  Promise.race([new Promise<string>((r) => s.once("disconnect", (reason) => r(reason))), sleep(ms).then(() => "still open")]);

describe("events a participant's socket does not handle", () => {
  let lab: Lab | undefined;
  const socks: Client[] = [];
  afterEach(async () => {
    for (const s of socks.splice(0)) s.close();
    await lab?.close();
    lab = undefined;
  });

  it("a flood of made-up event names from one seat's sockets closes them, is not answered thousands of times, and another seat keeps working", async () => {
    lab = await openLab();
    const s = await lab.createSession();
    const victim = lab.join(s.tokens[1]!);
    await victim.until(() => true, 5000);
    const attackers = Array.from({ length: 8 }, () => open(lab!.base, s.tokens[0]!));
    socks.push(...attackers);
    expect((await Promise.all(attackers.map(outcome))).map((o) => o.error)).toEqual(Array(8).fill(null));
    let acks = 0;
    const closedByServer = attackers.map((a) => closedWithin(a, 10_000));
    // 2,000 per socket in one go (the attack went on at about 40,000 a second)
    for (const a of attackers) for (let k = 0; k < 2_000; k++) raw(a).emit("zz", k, () => acks++);
    const reasons = await Promise.all(closedByServer);
    expect(reasons).toEqual(Array(8).fill("io server disconnect"));
    await sleep(300);
    // one answer per socket at most (the first event's, before it closed)
    expect(acks).toBeLessThanOrEqual(8);
    // the other seat is answered as before
    const t0 = performance.now();
    const ack = await victim.emit("p:sync", {});
    expect(ack.ok).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
  }, 60_000);

  it("a made-up event without an answer asked for closes the socket too; the seat may connect again", async () => {
    lab = await openLab();
    const s = await lab.createSession();
    const a = open(lab.base, s.tokens[0]!);
    socks.push(a);
    expect((await outcome(a)).error).toBeNull();
    const closed = closedWithin(a, 5_000);
    raw(a).emit("zz", 1);
    expect(await closed).toBe("io server disconnect");
    const again = open(lab.base, s.tokens[0]!);
    socks.push(again);
    expect((await outcome(again)).error).toBeNull();
    expect((await again.emitWithAck("p:sync", {})).ok).toBe(true);
  }, 30_000);

  it("the other kind's events cost from the seat's rate limit and count as strikes until the socket is closed", async () => {
    lab = await openLab();
    const s = await lab.createSession();
    const p = lab.join(s.tokens[0]!);
    await p.until(() => true, 5000);
    const closed = closedWithin(p.socket, 10_000);
    const answers: { ok: boolean; error: { code: string } }[] = [];
    // the burst (30): refused as not allowed here
    for (let k = 0; k < 30; k++) answers.push(await p.emit("admin:watch" as "p:sync", { sessionId: s.id }));
    expect(new Set(answers.map((a) => a.error.code))).toEqual(new Set(["auth/not_allowed"]));
    // the budget is the one the seat's own events spend
    const sync = await p.emit("p:sync", {});
    expect(sync.ok).toBe(false);
    expect(sync.error.code).toBe("session/rate_limited");
    // and each one counted as a strike: past 50 within 10 s the socket is closed
    for (let k = 0; k < 25; k++) raw(p.socket).emit("projector:watch", { sessionId: s.id });
    expect(await closed).toBe("io server disconnect");
  }, 30_000);

  it("on an admin's socket (monitor, projector): participants' events are refused and it stays open; a made-up name closes it", async () => {
    lab = await openLab();
    const s = await lab.createSession();
    const admin = () => ioc(lab!.base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie: lab!.cookie }, forceNew: true, reconnection: false }) as Client;
    const a = admin();
    socks.push(a);
    expect((await outcome(a)).error).toBeNull();
    for (const event of ["p:sync", "p:intro", "p:survey", "p:action"])
      expect(await a.timeout(3000).emitWithAck(event as "admin:watch", {} as never)).toMatchObject({ ok: false, error: { code: "auth/not_allowed" } });
    expect((await a.timeout(3000).emitWithAck("admin:watch", { sessionId: s.id })).ok).toBe(true);
    expect((await a.timeout(3000).emitWithAck("projector:watch", { sessionId: s.id })).ok).toBe(true);
    const closed = closedWithin(a, 5_000);
    raw(a).emit("admin:wacth", { sessionId: s.id });
    expect(await closed).toBe("io server disconnect");
  }, 30_000);
});
