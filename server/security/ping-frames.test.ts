/**
 * WebSocket ping control frames (fresh-clone review B1): the ws library answered each with a pong, below
 * every check of mechlab's, and 24 websockets pinging in a loop, with no link and no Socket.IO handshake,
 * held every session up for seconds. A connection that sends more than MAX_PING_FRAMES within
 * PING_WINDOW_MS is dropped; a few pings (a proxy's keep-alive) are answered as before.
 */
import { EventEmitter } from "node:events";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { appOnPort } from "../testing/app-on-port";
import { rawSocket, within } from "../testing/raw-socket";
import { adminCookie } from "../testing/harness";
import { MAX_PING_FRAMES, PING_WINDOW_MS, limitPingFrames } from "./ping-frames";
import { createSession } from "./testing";

const server = appOnPort();

describe("WebSocket ping frames", () => {
  it("a connection without a link flooding ping frames is dropped after the allowance; it got no more pongs than that", async () => {
    const { port } = await server.start();
    const c = rawSocket(port);
    await c.open;
    for (let i = 0; i < 5000 && c.ws.readyState === WebSocket.OPEN; i++) c.ws.ping(Buffer.alloc(125, 1));
    expect(await within(c.closed, 3000)).toBe(true);
    // ws writes its pong before telling anyone of the ping: the one that goes over is answered too
    expect(c.pongs()).toBeLessThanOrEqual(MAX_PING_FRAMES + 1);
  });

  it("a participant's connection may send a few pings and keeps playing; the same connection flooding is dropped", async () => {
    const { base, port } = await server.start();
    const s = await createSession(base, await adminCookie(base));
    const c = rawSocket(port);
    await c.open;
    c.ws.send(`40{"token":"${s.tokens[0]}"}`);
    await expect.poll(() => c.got.some((m) => m.startsWith("40{"))).toBe(true);
    for (let i = 0; i < MAX_PING_FRAMES; i++) c.ws.ping();
    await expect.poll(() => c.pongs()).toBe(MAX_PING_FRAMES);
    c.ws.send(`420["p:sync",{}]`);
    await expect.poll(() => c.got.some((m) => m.startsWith("430"))).toBe(true);
    expect(await within(c.closed, 200)).toBe(false);
    for (let i = 0; i < 100; i++) c.ws.ping();
    expect(await within(c.closed, 3000)).toBe(true);
  });

  it("the allowance is per window: MAX_PING_FRAMES in each of several windows is fine, one more in a window is not", () => {
    const ws = Object.assign(new EventEmitter(), { terminated: 0, terminate() { this.terminated++; } });
    let t = 0;
    limitPingFrames({ name: "websocket", socket: ws }, () => t);
    for (let w = 0; w < 3; w++) {
      for (let i = 0; i < MAX_PING_FRAMES; i++) ws.emit("ping");
      t += PING_WINDOW_MS;
    }
    expect(ws.terminated).toBe(0);
    for (let i = 0; i <= MAX_PING_FRAMES; i++) ws.emit("ping");
    expect(ws.terminated).toBe(1);
    // not a websocket transport: nothing is attached
    const other = new EventEmitter();
    limitPingFrames({ name: "polling", socket: other });
    expect(other.listenerCount("ping")).toBe(0);
  });
});
