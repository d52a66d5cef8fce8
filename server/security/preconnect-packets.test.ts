/**
 * Socket.IO packets on a connection that has no Socket.IO socket (before its handshake is answered, or after
 * a refusal) drop the connection at the TCP level (docs/security.md, "Packets Socket.IO handles before
 * mechlab's checks"). Before, Socket.IO closed such a connection with a websocket close handshake, and the
 * server went on reading every frame the client had already sent until the client answered it: an outsider,
 * without any link, made it read ~5.6 MB of 60 KB EVENT packets per connection, and another participant's
 * `p:sync` went from p90 8 ms to p90 0.4–0.5 s (fresh-clone review B5, 2026-12-07).
 */
import { describe, expect, it } from "vitest";
import { io as ioc, type Socket } from "socket.io-client";
import type WebSocket from "ws";
import { appOnPort } from "../testing/app-on-port";
import { rawSocket, within } from "../testing/raw-socket";
import { adminCookie } from "../testing/harness";
import { createSession } from "./testing";

const server = appOnPort();
const PACKETS = 300;
const junk = `42["p:sync","${"a".repeat(20_000)}"]`;

/** Counts the websocket frames the server reads on each connection (below Socket.IO and engine.io). */
function framesRead(): number[] {
  const counts: number[] = [];
  server.app.io.engine.on("connection", (conn: { transport: { socket?: WebSocket } }) => {
    const k = counts.push(0) - 1;
    conn.transport.socket?.on("message", () => counts[k]!++);
  });
  return counts;
}

const closeCode = (ws: WebSocket) => new Promise<number>((r) => ws.once("close", (code) => r(code)));

describe("Socket.IO packets on a connection without a Socket.IO socket", () => {
  it("EVENT packets before any handshake drop the connection at once: the server reads a few, not all", async () => {
    const { port } = await server.start();
    const read = framesRead();
    const c = rawSocket(port);
    await c.open;
    const code = closeCode(c.ws);
    for (let i = 0; i < PACKETS; i++) c.ws.send(junk);
    expect(await within(c.closed, 5000)).toBe(true);
    expect(await code).toBe(1006); // dropped, no close handshake (that one made the server read everything sent)
    expect(read[0]).toBeLessThan(20);
    expect(c.got.filter((m) => m.startsWith("4"))).toEqual([]); // nothing answered
  });

  it("binary frames, BINARY_EVENT and DISCONNECT packets, and engine.io packets no client sends drop it too", async () => {
    const { port } = await server.start();
    const big = "a".repeat(20_000);
    // engine.io packet type first (4 message, 3 pong, 5 upgrade, 6 noop, 2 ping), then Socket.IO's (2 EVENT, 5 BINARY_EVENT, 1 DISCONNECT)
    const frames: Record<string, string | Buffer> = { binary: Buffer.alloc(20_000), binaryEvent: `451-["p:sync",{"_placeholder":true,"num":0}]`, disconnect: "41", pongWithData: `3${big}`, upgrade: `5${big}`, noop: `6${big}`, ping: "2" };
    for (const [kind, frame] of Object.entries(frames)) {
      const c = rawSocket(port);
      await c.open;
      const code = closeCode(c.ws);
      for (let i = 0; i < 50; i++) c.ws.send(frame);
      expect([kind, await within(c.closed, 5000)]).toEqual([kind, true]);
      expect([kind, await code]).toEqual([kind, 1006]);
    }
  });

  it("engine.io noop and upgrade packets (long-polling's, refused here) close a participant's connection too", async () => {
    const { base, port } = await server.start();
    const s = await createSession(base, await adminCookie(base));
    const c = rawSocket(port);
    await c.open;
    c.ws.send(`40{"token":"${s.tokens[0]}"}`);
    await expect.poll(() => c.got.some((m) => m.startsWith("40{"))).toBe(true);
    for (let i = 0; i < 50; i++) c.ws.send(`6${"a".repeat(20_000)}`);
    expect(await within(c.closed, 5000)).toBe(true);
  });

  it("EVENT packets right behind a handshake, before it is answered, drop the connection", async () => {
    const { port } = await server.start();
    const read = framesRead();
    const c = rawSocket(port);
    await c.open;
    const code = closeCode(c.ws);
    c.ws.send(`40{"token":"${"x".repeat(24)}"}`);
    for (let i = 0; i < PACKETS; i++) c.ws.send(junk);
    expect(await within(c.closed, 5000)).toBe(true);
    expect(await code).toBe(1006);
    expect(read[0]).toBeLessThan(20);
  });

  it("EVENT packets after a refused handshake drop the connection", async () => {
    const { port } = await server.start();
    const read = framesRead();
    const c = rawSocket(port);
    await c.open;
    // sent the moment the refusal arrives, before the client has read the server's close frame behind it
    c.ws.on("message", (m) => {
      if (String(m).startsWith("44")) for (let i = 0; i < PACKETS; i++) c.ws.send(junk);
    });
    c.ws.send(`40{"token":"${"x".repeat(24)}"}`);
    expect(await within(c.closed, 5000)).toBe(true);
    expect(c.got.filter((m) => m.startsWith("44"))).toEqual([expect.stringContaining("not valid")]);
    expect(read[0]).toBeLessThan(20);
  });

  it("a participant's own client (handshake first) is unaffected: it plays, and plays again after a reconnect", async () => {
    const { base, port } = await server.start();
    const s = await createSession(base, await adminCookie(base));
    // an outsider's junk at the same time, on its own connection
    const outsider = rawSocket(port);
    await outsider.open;
    for (let i = 0; i < 50; i++) outsider.ws.send(junk);
    const p: Socket = ioc(base, { transports: ["websocket"], auth: { token: s.tokens[0] }, forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    try {
      const sync = () => p.timeout(3000).emitWithAck("p:sync", {}) as Promise<{ ok: boolean }>;
      await new Promise<void>((r) => p.once("connect", () => r()));
      expect((await sync()).ok).toBe(true);
      // emitted while the connection is down: socket.io-client holds it until its handshake is answered
      const reconnected = new Promise<void>((r) => p.io.once("reconnect", () => r()));
      p.io.engine.close();
      const held = sync();
      await reconnected;
      expect((await held).ok).toBe(true);
      expect((await sync()).ok).toBe(true);
      // and when the server closes its socket, connecting again over the same connection works
      const admin = server.app.io.sockets.sockets.get(p.id!);
      admin?.disconnect(false);
      await expect.poll(() => p.connected).toBe(false);
      p.connect();
      await expect.poll(() => p.connected).toBe(true);
      expect((await sync()).ok).toBe(true);
    } finally {
      p.close();
    }
    expect(await within(outsider.closed, 5000)).toBe(true);
  });
});
