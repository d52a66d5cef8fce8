/**
 * Joining by room code and label (a classroom): N students join one N-seat session one after the other,
 * straight into the session manager (no HTTP), on a fresh SQLite file. Prints the CPU per join, first
 * and last tenth apart, so a cost that grows with the seats already taken shows.
 *
 *   node --import tsx bench/room-join.ts [--seats 1000]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMechlabApp } from "../server/app";
import { loadTreatment } from "./load-treatment";
import { arg } from "./args";

const N = arg("seats", 1000);

process.env.MECHLAB_QUIET = "1";
const app = await createMechlabApp({ dbUrl: `file:${join(mkdtempSync(join(tmpdir(), "mechlab-join-")), "bench.db")}`, log: () => {} });
const r = await app.manager.create(loadTreatment("room join", N, 3));
if (!r.ok) throw new Error(r.errors.join("; "));
const code = (await app.store.get(r.host.id))!.code;
await new Promise((res) => setTimeout(res, 1000)); // the solver worker and the checkpoint thread start
const tenth = Math.max(1, Math.floor(N / 10));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = performance.now();
const c0 = cpuMs();
let firstTenth = 0;
let lastTenthFrom = 0;
let refused = 0;
for (let i = 0; i < N; i++) {
  if (i === N - tenth) lastTenthFrom = cpuMs();
  const j = await app.manager.join({ code, label: `student ${i + 1}` });
  if (!j.ok) refused++;
  if (i === tenth - 1) firstTenth = cpuMs() - c0;
}
const all = cpuMs() - c0;
const last = cpuMs() - lastTenthFrom;
console.log(
  `${N} joins into one ${N}-seat session (${refused} refused): CPU per join ${(all / N).toFixed(3)} ms ` +
    `(first ${tenth}: ${(firstTenth / tenth).toFixed(3)} ms, last ${tenth}: ${(last / tenth).toFixed(3)} ms), wall ${((performance.now() - t0) / N).toFixed(3)} ms`,
);
if (refused) process.exitCode = 1;
await app.close();
