/**
 * The lease keeper's worker thread (server/cluster/lease-keeper.ts): renews this process's leases every
 * third of their lifetime on its own PostgreSQL connection, so a main event loop busy for a while (an
 * overloaded machine, a long computation) does not lose them — but only while the main loop still
 * answers: the main thread posts a heartbeat every few hundred ms, and once none came for `stallMs` the
 * worker stops renewing and gives every lease up (reports them lost), so a truly hung process still
 * loses its sessions to the others.
 */
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { LeaseTable } from "./lease";
import type { KeeperSettings, ToKeeper, FromKeeper } from "./lease-keeper";

const port = parentPort;
if (!port) throw new Error("server/cluster/lease-worker.ts must run in a worker thread");
const cfg = workerData as KeeperSettings;
const pool = new pg.Pool({ connectionString: cfg.dbUrl, max: 1 });
pool.on("error", () => undefined); // an idle connection closed: the next renewal opens another
const lease = new LeaseTable(pool, cfg.owner, cfg.ttlMs);
const held = new Map<string, number>();
let lastBeat = Date.now();
let running = false;
const post = (m: FromKeeper) => port.postMessage(m);

async function tick(): Promise<void> {
  const silent = Date.now() - lastBeat;
  if (silent > cfg.stallMs) {
    if (held.size) post({ k: "stalled", held: [...held], silentMs: silent });
    held.clear();
    return;
  }
  if (running || held.size === 0) return;
  running = true;
  const snapshot = new Map(held);
  try {
    const kept = await lease.renew(snapshot);
    for (const [id, token] of snapshot) if (!kept.has(id) && held.get(id) === token) held.delete(id);
    post({ k: "renewed", held: [...snapshot], kept: [...kept] });
  } catch (e) {
    post({ k: "error", message: e instanceof Error ? e.message : String(e) });
  } finally {
    running = false;
  }
}

const timer = setInterval(() => void tick(), Math.max(100, Math.floor(cfg.ttlMs / 3)));
port.on("message", (m: ToKeeper) => {
  if (m.k === "beat") lastBeat = Date.now();
  else if (m.k === "hold") {
    lastBeat = Date.now();
    held.set(m.id, m.token);
  } else if (m.k === "drop") {
    if (m.token === undefined || held.get(m.id) === m.token) held.delete(m.id);
  } else if (m.k === "stop") {
    clearInterval(timer);
    void pool.end().finally(() => port.close());
  }
});
post({ k: "ready" });
