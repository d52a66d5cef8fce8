// The server under load: API + Socket.io (no Next pages) on a fresh database; prints its port. On a line
// "stats" on stdin it prints its CPU time, memory and how many commands the event log holds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { createMechlabApp } from "../server/app";
import { mainThreadCpuMs, threadCpuMsByName } from "./thread-cpu";

process.env.MECHLAB_QUIET = "1";
/** The SQLite database's folder (removed when the server stops), or null on BENCH_DATABASE_URL. */
const tmp = process.env.BENCH_DATABASE_URL ? null : mkdtempSync(join(tmpdir(), "mechlab-bench-"));
const dbUrl = process.env.BENCH_DATABASE_URL ?? `file:${join(tmp!, "bench.db")}`;
// every simulated participant connects from 127.0.0.1: lift the per-address limits on sockets and on open
// connections (docs/security.md), or a load of more than 1,000 participants would be cut at 1,000
const app = await createMechlabApp({ dbUrl, log: () => {}, realtimeLimits: { socketsPerAddress: 100_000 }, connections: { perAddress: 1_000_000 } });
const port = await app.listen(0, "127.0.0.1");
process.stdout.write(`PORT ${port}\n`);
// how late the event loop ran a 10 ms timer (ms), since the previous "stats": p99 and max of the measured
// load (the histogram holds whole intervals, so the 10 ms are taken off; a finer timer would cost CPU)
const LOOP_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loopDelay.enable();
const late = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
/** "profile start" / "profile stop file": a CPU profile of the main thread over the measured load only. */
let profiler: Session | null = null;
async function profile(cmd: string, file: string | undefined): Promise<void> {
  if (cmd === "start") {
    profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  } else if (profiler && file) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    profiler = null;
  }
  process.stdout.write(`PROFILE ${cmd}\n`);
}
createInterface({ input: process.stdin }).on("line", (line) => {
  const [word, cmd, file] = line.trim().split(" ");
  if (word === "profile") return void profile(cmd ?? "", file);
  if (line.trim() !== "stats") return;
  const loopDelayMs = { p99: late(loopDelay.percentile(99)), max: late(loopDelay.max) };
  loopDelay.reset();
  const u = process.cpuUsage();
  const cpuMs = (u.user + u.system) / 1000;
  const mem = process.memoryUsage();
  const rssMB = mem.rss / 2 ** 20;
  const heapMB = mem.heapUsed / 2 ** 20;
  const mainCpuMs = mainThreadCpuMs();
  const threadsMs = threadCpuMsByName();
  // accepted commands up to this reading of the CPU only: the clients' sockets close when the load ends, and
  // their disconnects (processed after the reading, their CPU not in it) must not be counted against it
  const upTo = new Date(Date.now());
  const counted = { accepted: true, serverTime: { lte: upTo } };
  void Promise.all([app.db.actionEvent.count(), app.db.actionEvent.groupBy({ by: ["command"], where: counted, _count: { _all: true } })]).then(([events, byKind]) => {
    const acceptedByCommand = Object.fromEntries(byKind.map((k) => [k.command, k._count._all]));
    const accepted = byKind.reduce((sum, k) => sum + k._count._all, 0);
    process.stdout.write(`STATS ${JSON.stringify({ cpuMs, mainCpuMs, rssMB, heapMB, loopDelayMs, threadsMs, events, accepted, acceptedByCommand, ...app.store.writeStats })}\n`);
  });
});
// SIGINT: Ctrl-C on the benchmark reaches the whole process group; the database goes with the server either way
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, async () => {
    await app.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  });
