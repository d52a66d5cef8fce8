/**
 * A hostile participant in its own process (so its own CPU work does not slow the server under test):
 * `node --import tsx server/testing/flooder.ts <base> <token> <seconds>` floods the server from one
 * link with junk, deeply nested and prototype-key actions and with 1 MB messages on fresh sockets,
 * then prints one JSON line of what it saw.
 */
import { io as ioc, type Socket } from "socket.io-client";

const [base, token, secondsArg] = process.argv.slice(2) as [string, string, string];
const until = Date.now() + Number(secondsArg) * 1000;
const open = (): Socket => ioc(base, { transports: ["websocket"], auth: { token }, forceNew: true, reconnection: false });
const connected = (s: Socket) =>
  new Promise<string | null>((res) => {
    s.once("connect", () => res(null));
    s.once("connect_error", (e) => res(e.message));
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let nested: unknown = 1;
for (let i = 0; i < 2_000; i++) nested = [nested];
const junk = [
  { action: { type: "invest", x: "y".repeat(60_000) } },
  { action: nested },
  { action: JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"type":"toString"}') },
  { nope: "z".repeat(50_000) },
];
const stats = { sent: 0, rateLimited: 0, otherRefusals: 0, bigSent: 0, refusedConnects: 0, closedByServer: 0, connectErrors: [] as string[] };

/** Junk as fast as the socket takes it; when the server closes the socket, connect again. */
async function junkLoop() {
  let k = 0;
  while (Date.now() < until) {
    const s = open();
    const err = await connected(s);
    if (err) {
      stats.refusedConnects++;
      if (!stats.connectErrors.includes(err)) stats.connectErrors.push(err);
      await sleep(200);
      continue;
    }
    for (; Date.now() < until && s.connected; k++) {
      s.emit("p:action", { ...junk[k % junk.length], clientActionId: `junk-${String(k).padStart(7, "0")}` }, (r: { ok: boolean; error?: { code: string } }) => {
        if (r.ok) return;
        if (r.error?.code === "session/rate_limited") stats.rateLimited++;
        else stats.otherRefusals++;
      });
      stats.sent++;
      if (k % 10 === 0) await sleep(5);
    }
    if (!s.connected) stats.closedByServer++;
    s.close();
  }
}

/**
 * 1 MB messages on fresh sockets: a reconnect storm. It goes on past `until` (up to 30 s more) until the server
 * has refused a connection at least once, so that on a loaded machine, where the flooder connects more slowly,
 * the storm still reaches the per-link reconnect limit it is there to test.
 */
async function bigLoop() {
  const big = "x".repeat(1_000_000);
  const hardStop = until + 30_000;
  for (let k = 0; Date.now() < until || (stats.refusedConnects === 0 && Date.now() < hardStop); k++) {
    const s = open();
    const err = await connected(s);
    if (err) {
      stats.refusedConnects++;
      if (!stats.connectErrors.includes(err)) stats.connectErrors.push(err);
    } else {
      s.emit("p:action", { clientActionId: `big-${String(k).padStart(8, "0")}`, action: big });
      stats.bigSent++;
    }
    await sleep(20);
    s.close();
  }
}

await Promise.all([process.env.FLOOD_ONLY === "big" ? null : junkLoop(), process.env.FLOOD_ONLY === "junk" ? null : bigLoop()]);
process.stdout.write(JSON.stringify(stats) + "\n");
process.exit(0);
