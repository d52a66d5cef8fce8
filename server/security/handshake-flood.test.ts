/**
 * Socket.IO handshakes sent again and again on one connection (docs/security.md, "Floods"): Socket.IO lets
 * a client send its CONNECT packet again after a refusal, and each one ran the link lookup — one websocket
 * sending ~20,000 a second held the whole server up for seconds at a time. A refused handshake now closes
 * its connection, and a connection sending more than MAX_HANDSHAKES_PER_CONNECTION handshakes is closed.
 */
import { describe, expect, it } from "vitest";
import { appOnPort } from "../testing/app-on-port";
import { rawSocket, within } from "../testing/raw-socket";
import { adminCookie } from "../testing/harness";
import { MAX_HANDSHAKES_PER_CONNECTION } from "../realtime/sockets";
import { createSession } from "./testing";

const server = appOnPort();

describe("handshakes sent again on one connection", () => {
  it("a refused handshake is answered with its reason, then its connection closes", async () => {
    const { port } = await server.start();
    const c = rawSocket(port);
    await c.open;
    c.ws.send(`40{"token":"${"x".repeat(24)}"}`);
    expect(await within(c.closed, 5000)).toBe(true);
    expect(c.got.filter((m) => m.startsWith("44"))).toEqual([expect.stringContaining("not valid")]);
  });

  it("a flood of handshakes with made-up links on one connection: closed, at most two checked", async () => {
    const { port } = await server.start();
    const c = rawSocket(port);
    await c.open;
    // 500 in one burst, as the attack sent them (it went on at ~20,000 a second)
    for (let i = 0; i < 500; i++) c.ws.send(`40{"token":"${"x".repeat(20)}${i}"}`);
    expect(await within(c.closed, 5000)).toBe(true);
    expect(c.got.filter((m) => m.startsWith("44")).length).toBeLessThanOrEqual(MAX_HANDSHAKES_PER_CONNECTION);
  });

  it("a participant's connection that sends its handshake again and again is closed; a normal one stays", async () => {
    const { base, port } = await server.start();
    const s = await createSession(base, await adminCookie(base));
    const steady = rawSocket(port);
    await steady.open;
    steady.ws.send(`40{"token":"${s.tokens[0]}"}`);
    await expect.poll(() => steady.got.some((m) => m.startsWith("40{"))).toBe(true); // connected
    const flood = rawSocket(port);
    await flood.open;
    for (let i = 0; i < 200; i++) flood.ws.send(`40{"token":"${s.tokens[1]}"}`);
    expect(await within(flood.closed, 5000)).toBe(true);
    expect(await within(steady.closed, 300)).toBe(false);
    // the steady one still gets answers
    steady.ws.send(`420["p:sync",{}]`);
    await expect.poll(() => steady.got.some((m) => m.startsWith("430"))).toBe(true);
  });

  it("CONNECT packets to a namespace mechlab does not have close the connection, without a link and before any answer", async () => {
    const { port } = await server.start();
    const c = rawSocket(port);
    await c.open;
    // Socket.IO answers each with "Invalid namespace" before mechlab's checks: a million answers in 8 s slowed everyone
    for (let i = 0; i < 500; i++) c.ws.send("40/x,{}");
    expect(await within(c.closed, 5000)).toBe(true);
    expect(c.got.filter((m) => m.startsWith("44/x")).length).toBeLessThanOrEqual(1);
  });

  it("an acknowledgement the server never asked for closes a participant's connection; another participant's stays", async () => {
    const { base, port } = await server.start();
    const s = await createSession(base, await adminCookie(base));
    const steady = rawSocket(port);
    await steady.open;
    steady.ws.send(`40{"token":"${s.tokens[0]}"}`);
    const acker = rawSocket(port);
    await acker.open;
    acker.ws.send(`40{"token":"${s.tokens[1]}"}`);
    await expect.poll(() => steady.got.some((m) => m.startsWith("40{")) && acker.got.some((m) => m.startsWith("40{"))).toBe(true);
    for (let i = 0; i < 1000; i++) acker.ws.send(`43${i}[1]`);
    expect(await within(acker.closed, 5000)).toBe(true);
    expect(await within(steady.closed, 300)).toBe(false);
    steady.ws.send(`420["p:sync",{}]`);
    await expect.poll(() => steady.got.some((m) => m.startsWith("430"))).toBe(true);
  });

  it("HTTP long-polling (and its JSONP form) is refused before any session is opened: no packets over it at all", async () => {
    const { base } = await server.start();
    for (const q of ["", "&j=0"]) {
      const r = await fetch(`${base}/socket.io/?EIO=4&transport=polling${q}`);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ message: "Transport unknown" });
    }
    const post = await fetch(`${base}/socket.io/?EIO=4&transport=polling&sid=x`, { method: "POST", body: Array.from({ length: 2000 }, () => "40/x,{}").join("\x1e"), headers: { "content-type": "text/plain;charset=UTF-8" } });
    expect(post.status).toBe(400);
  });
});
