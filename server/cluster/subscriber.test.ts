/**
 * A subscriber connection that subscribes the moment it connects keeps that connection and gets what is
 * published: with ioredis's ready check, the check's INFO after the SUBSCRIBE broke the connection, and
 * the messages of the next second were lost (server/cluster/subscriber.ts; a CI flake of the cluster
 * tests: a starting process could not be reached over Redis). Runs when MECHLAB_TEST_REDIS_URL is set.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { NodeRpc } from "./rpc";
import { subscriberOf } from "./subscriber";

const REDIS = process.env.MECHLAB_TEST_REDIS_URL;

describe.skipIf(!REDIS)("a subscriber connection" + (REDIS ? "" : " (skipped: set MECHLAB_TEST_REDIS_URL to run)"), () => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((c) => c.disconnect()));
  const connectedPub = async () => {
    const pub = new Redis(REDIS!);
    clients.push(pub);
    await new Promise((r) => pub.once("ready", r));
    return pub;
  };

  it("subscribing as soon as it connects: no error, no reconnection, the first message arrives", async () => {
    const pub = await connectedPub();
    const channel = `mechlab-sub-test-${process.pid}-${randomBytes(3).toString("hex")}`;
    const sub = subscriberOf(pub);
    clients.push(sub);
    const errors: string[] = [];
    let reconnections = 0;
    const got: string[] = [];
    sub.on("error", (e: Error) => errors.push(e.message));
    sub.on("reconnecting", () => reconnections++);
    sub.on("message", (_c: string, m: string) => got.push(m));
    const subscribed = new Promise<unknown>((resolve, reject) => sub.once("connect", () => sub.subscribe(channel).then(resolve, reject)));
    await subscribed;
    // what ioredis does after connecting (its own version, read from disk) has finished by now
    await new Promise((r) => setTimeout(r, 300));
    expect(await pub.publish(channel, "first")).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(errors).toEqual([]);
    expect(reconnections).toBe(0);
    expect(got).toEqual(["first"]);
  });

  it("a process's request channel made on it answers a call at once", async () => {
    const prefix = `mechlab-sub-test-${process.pid}-${randomBytes(3).toString("hex")}:`;
    const [pa, pb] = [await connectedPub(), await connectedPub()];
    const a = new NodeRpc(pa, subscriberOf(pa), "a", prefix);
    const b = new NodeRpc(pb, subscriberOf(pb), "b", prefix);
    await Promise.all([a.start(), b.start()]);
    b.handle("echo", async (x) => x);
    expect(await a.call("b", "echo", { n: 7 }, 2000)).toEqual({ n: 7 });
    a.close();
    b.close();
  });
});
