/**
 * Plain HTTP connections per address and the HTTP timeouts (docs/security.md, “Connections and slow
 * clients”): one address cannot hold the server's file descriptors with idle or trickling connections,
 * and Socket.IO's websocket and long-polling transports keep working past the request timeout.
 */
import { EventEmitter } from "node:events";
import { createServer, request } from "node:http";
import { connect, type Socket } from "node:net";
import { io as ioc } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { ConnectionLimits } from "../app";
import { appOnPort } from "../testing/app-on-port";
import { adminCookie } from "../testing/harness";
import { capConnections, ConnectionCap, connectionsPerAddressFromEnv, DEFAULT_CONNECTIONS_PER_ADDRESS, PROXY_FACTOR } from "./connection-cap";
import { createSession, messageOf } from "./testing";

const server = appOnPort();
const sockets = server.sockets;
const start = (connections: Partial<ConnectionLimits>, security: { trustProxy?: boolean } = {}) => server.start({ connections, security });

/** A TCP connection to the server (from `localAddress`), open once this resolves; it reads (so it sees the server close it). */
function tcp(port: number, localAddress = "127.0.0.1"): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: "127.0.0.1", localAddress });
    sockets.push(s);
    s.resume();
    s.once("connect", () => resolve(s));
    s.once("error", reject);
  });
}

const closed = (s: Socket) => new Promise<void>((r) => (s.destroyed && s.readyState === "closed" ? r() : s.once("close", () => r())));
const closedWithin = (s: Socket, ms: number) => Promise.race([closed(s).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The body of a raw HTTP response (chunked or not). */
function bodyOf(response: string): string {
  const [head, body = ""] = response.split(/\r\n\r\n(.*)/s);
  if (!/transfer-encoding: chunked/i.test(head!)) return body;
  let out = "";
  for (let rest = body; ; ) {
    const size = parseInt(rest, 16);
    if (!(size > 0)) return out;
    const start = rest.indexOf("\r\n") + 2;
    out += rest.slice(start, start + size);
    rest = rest.slice(start + size + 2);
  }
}

/** Everything the server sent on `s` until it closed (or `ms` passed). */
function received(s: Socket, ms: number): Promise<string> {
  let text = "";
  s.on("data", (d: Buffer) => (text += d.toString("utf8")));
  return Promise.race([closed(s), sleep(ms)]).then(() => text);
}

/** GET /api/health from `localAddress`: the status, or the error's code when the connection failed. */
function health(port: number, localAddress: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/health", localAddress, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    req.end();
  });
}

describe("the per-address connection cap (unit)", () => {
  const fakeSocket = (remoteAddress: string) => Object.assign(new EventEmitter(), { remoteAddress, destroyed: false, destroy() { this.destroyed = true; return this; } });

  it("reads MECHLAB_CONNECTIONS_PER_ADDRESS like the realtime limits: a positive number, else the default and a warning", () => {
    const warnings: string[] = [];
    expect(connectionsPerAddressFromEnv({}, (w) => warnings.push(w))).toBe(DEFAULT_CONNECTIONS_PER_ADDRESS);
    expect(connectionsPerAddressFromEnv({ MECHLAB_CONNECTIONS_PER_ADDRESS: "250" })).toBe(250);
    expect(connectionsPerAddressFromEnv({ MECHLAB_CONNECTIONS_PER_ADDRESS: "lots" }, (w) => warnings.push(w))).toBe(DEFAULT_CONNECTIONS_PER_ADDRESS);
    expect(connectionsPerAddressFromEnv({ MECHLAB_CONNECTIONS_PER_ADDRESS: "0" }, (w) => warnings.push(w))).toBe(DEFAULT_CONNECTIONS_PER_ADDRESS);
    expect(warnings).toEqual([
      "mechlab: MECHLAB_CONNECTIONS_PER_ADDRESS=lots is not a positive number; using 1000",
      "mechlab: MECHLAB_CONNECTIONS_PER_ADDRESS=0 is not a positive number; using 1000",
    ]);
    expect(DEFAULT_CONNECTIONS_PER_ADDRESS).toBeGreaterThanOrEqual(60 * 7); // a class of 60 behind one NAT address
  });

  it("counts an IPv6 /64 as one address and an IPv4-mapped peer as its IPv4 address; a closed connection frees its place", () => {
    const cap = new ConnectionCap(2);
    const a = fakeSocket("2001:db8:1:2::10");
    const b = fakeSocket("2001:db8:1:2:ffff:1:2:3");
    expect(cap.admit(a)).toBe(true);
    expect(cap.admit(b)).toBe(true);
    // both busy (a request in progress): a third from the same /64 is refused
    cap.requestStarted(a);
    cap.requestStarted(b);
    const c = fakeSocket("2001:db8:1:2::abcd");
    expect(cap.admit(c)).toBe(false);
    expect(c.destroyed).toBe(true);
    expect(cap.admit(fakeSocket("2001:db8:1:3::1"))).toBe(true); // the next /64 is another address
    const mapped = fakeSocket("::ffff:10.0.0.1");
    expect(cap.admit(mapped)).toBe(true);
    cap.requestStarted(mapped);
    expect(cap.admit(fakeSocket("10.0.0.1"))).toBe(true);
    expect(cap.openFrom("10.0.0.1")).toBe(2);
    expect(cap.openFrom("2001:db8:1:2::1")).toBe(2);
    a.emit("close");
    expect(cap.openFrom("2001:db8:1:2::1")).toBe(1);
    expect(cap.admit(fakeSocket("2001:db8:1:2::99"))).toBe(true);
  });

  it("at the cap a new connection closes the address's oldest idle one; busy and websocket connections stay (review B2)", () => {
    const cap = new ConnectionCap(3);
    const [old, busy, ws] = [fakeSocket("10.0.0.9"), fakeSocket("10.0.0.9"), fakeSocket("10.0.0.9")];
    for (const s of [old, busy, ws]) expect(cap.admit(s)).toBe(true);
    cap.requestStarted(busy);
    cap.upgradedTo(ws);
    const fresh = fakeSocket("10.0.0.9");
    expect(cap.admit(fresh)).toBe(true);
    expect([old.destroyed, busy.destroyed, ws.destroyed, fresh.destroyed]).toEqual([true, false, false, false]);
    // the request on `busy` ends (keep-alive: the connection stays, idle): it is the oldest idle one now
    cap.requestStarted(fresh);
    cap.requestEnded(busy);
    const next = fakeSocket("10.0.0.9");
    expect(cap.admit(next)).toBe(true);
    expect([busy.destroyed, fresh.destroyed, ws.destroyed]).toEqual([true, false, false]);
    expect(cap.openFrom("10.0.0.9")).toBe(3);
  });

  it("behind TRUST_PROXY allows the proxy's address PROXY_FACTOR times the cap", () => {
    expect(capConnections(createServer(), 7, false).perAddress).toBe(7);
    expect(capConnections(createServer(), 7, true).perAddress).toBe(7 * PROXY_FACTOR);
  });
});

describe("connections to the server", () => {
  it("at the cap a new connection from that address closes its oldest idle one, so connections that send nothing cannot shut the address out (review B2)", async () => {
    const { port } = await start({ perAddress: 5 });
    const held = await Promise.all(Array.from({ length: 5 }, () => tcp(port)));
    await sleep(100);
    expect(server.app.connections.openFrom("127.0.0.1")).toBe(5);
    // a browser behind the same address is served: the connection that waited longest (sending nothing) goes
    expect(await health(port, "127.0.0.1")).toBe(200);
    expect(await closedWithin(held[0]!, 2000)).toBe(true);
    expect(held.slice(1).every((h) => !h.destroyed)).toBe(true);
    expect(await health(port, "127.0.0.2")).toBe(200); // everyone else is served
    expect(server.app.connections.openFrom("127.0.0.1")).toBeLessThanOrEqual(5);
  });

  it("at the cap with every connection of the address busy, a new one is closed at once", async () => {
    const { port } = await start({ perAddress: 3, bodyDeadlineMs: 10_000, headersTimeoutMs: 10_000, requestTimeoutMs: 20_000 });
    // three requests in progress: bodies that have not arrived yet
    const held = await Promise.all(Array.from({ length: 3 }, () => tcp(port)));
    for (const h of held) h.write("POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    await sleep(200);
    const over = await tcp(port);
    expect(await closedWithin(over, 2000)).toBe(true);
    expect(held.every((h) => !h.destroyed)).toBe(true);
    for (const h of held) h.destroy();
  });

  it("a connection that sends nothing, or trickles its headers, is closed after the headers timeout", async () => {
    const { port } = await start({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
    const silent = await tcp(port);
    const trickle = await tcp(port);
    const header = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(100);
    let i = 0;
    const timer = setInterval(() => {
      if (!trickle.destroyed) trickle.write(header[i++ % header.length]!);
    }, 100);
    try {
      const t0 = Date.now();
      expect(await closedWithin(silent, 5000)).toBe(true);
      expect(await closedWithin(trickle, 5000)).toBe(true);
      expect(Date.now() - t0).toBeLessThan(5000); // with Node's defaults: 60 s and more
    } finally {
      clearInterval(timer);
    }
  });

  it("a JSON body that trickles in is answered 408 with a message, and its connection closed", async () => {
    const { port } = await start({ headersTimeoutMs: 1000, requestTimeoutMs: 5000, bodyDeadlineMs: 1000 });
    const s = await tcp(port);
    s.write("POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{");
    const timer = setInterval(() => !s.destroyed && s.write(" "), 150);
    try {
      const t0 = Date.now();
      const text = await received(s, 4000);
      expect(text).toMatch(/^HTTP\/1\.1 408/);
      const body = JSON.parse(bodyOf(text)) as unknown;
      expect(messageOf(body)).toBe("The request body did not arrive within 1 s. Please check your connection and try again.");
      expect(s.destroyed || (await closedWithin(s, 1000))).toBe(true);
      expect(Date.now() - t0).toBeLessThan(4000);
    } finally {
      clearInterval(timer);
    }
  });

  it("Socket.IO over websocket keeps working well past the request timeout; long-polling is refused at once", async () => {
    const { base } = await start({ headersTimeoutMs: 500, requestTimeoutMs: 1000, bodyDeadlineMs: 500 });
    const session = await createSession(base, await adminCookie(base));
    // mechlab's pages use WebSocket only; the server takes nothing else (fresh-clone review B2: JSONP polling)
    const polling = ioc(base, { transports: ["polling"], auth: { token: session.tokens[1] }, forceNew: true, reconnection: false });
    const refused = await new Promise<string>((res) => {
      polling.once("connect", () => res("connected"));
      polling.once("connect_error", (e) => res(e.message));
    });
    polling.close();
    expect(refused).not.toBe("connected");
    const clients = [ioc(base, { transports: ["websocket"], auth: { token: session.tokens[0] }, forceNew: true, reconnection: false })];
    try {
      const disconnects: string[] = [];
      await Promise.all(
        clients.map(
          (c) =>
            new Promise<void>((res, rej) => {
              c.once("connect", () => res());
              c.once("connect_error", rej);
              c.on("disconnect", (reason) => disconnects.push(reason));
            }),
        ),
      );
      await sleep(3500); // much longer than the request timeout
      expect(disconnects).toEqual([]);
      for (const c of clients) {
        const ack = (await c.timeout(3000).emitWithAck("p:sync", {})) as { ok: boolean };
        expect(ack.ok).toBe(true);
      }
      expect(clients.map((c) => c.io.engine.transport.name)).toEqual(["websocket"]);
    } finally {
      for (const c of clients) c.close();
    }
  }, 30_000);
});
