/**
 * Request/response between cluster processes over a real Redis: answers come back to the caller, a
 * process that is not subscribed fails at once, a remote error is passed on, and calls waiting for a
 * process that died are failed when it is noticed. Runs when MECHLAB_TEST_REDIS_URL is set.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeRpc, PeerGoneError, PeerTimeoutError } from "./rpc";

const REDIS = process.env.MECHLAB_TEST_REDIS_URL;

describe.skipIf(!REDIS)("cluster RPC over Redis" + (REDIS ? "" : " (skipped: set MECHLAB_TEST_REDIS_URL to run)"), () => {
  const prefix = `mechlab-rpc-test-${process.pid}-${randomBytes(3).toString("hex")}:`;
  const clients: Redis[] = [];
  const redis = () => {
    const r = new Redis(REDIS!);
    clients.push(r);
    return r;
  };
  let a: NodeRpc;
  let b: NodeRpc;
  beforeAll(async () => {
    a = new NodeRpc(redis(), redis(), "a", prefix);
    b = new NodeRpc(redis(), redis(), "b", prefix);
    await Promise.all([a.start(), b.start()]);
    b.handle("add", async (x) => (x as { p: number; q: number }).p + (x as { p: number; q: number }).q);
    b.handle("fail", async () => {
      throw new Error("no such seat");
    });
    b.handle("never", () => new Promise(() => undefined));
  });
  afterAll(async () => {
    a?.close();
    b?.close();
    await Promise.all(clients.map((c) => c.quit()));
  });

  it("answers a call from the other process", async () => {
    expect(await a.call<number>("b", "add", { p: 2, q: 3 }, 2000)).toBe(5);
    const many = await Promise.all(Array.from({ length: 50 }, (_, i) => a.call<number>("b", "add", { p: i, q: 1 }, 5000)));
    expect(many).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("passes the remote error on", async () => {
    await expect(a.call("b", "fail", null, 2000)).rejects.toThrow("no such seat");
    await expect(a.call("b", "unknown-method", null, 2000)).rejects.toThrow("no handler");
  });

  it("fails at once for a process nobody runs, after the time limit for one that does not answer", async () => {
    const t0 = Date.now();
    await expect(a.call("nobody", "add", { p: 1, q: 1 }, 10_000)).rejects.toBeInstanceOf(PeerGoneError);
    expect(Date.now() - t0).toBeLessThan(5000);
    await expect(a.call("b", "never", null, 200)).rejects.toBeInstanceOf(PeerTimeoutError);
  });

  it("fails the calls waiting for a process found gone", async () => {
    const waiting = a.call("b", "never", null, 60_000);
    await new Promise((r) => setTimeout(r, 100));
    a.failPeer("b");
    await expect(waiting).rejects.toBeInstanceOf(PeerGoneError);
  });
});
