/**
 * The experimenter's monitor and the room's screen of one big session: the admin view and the projector
 * view of an N-seat IDS session after `--played` rounds (every seat connected, through the intro and the
 * rounds played; the session has those rounds and one more), each built and encoded as a push sends it (the server pushes them at most every 200 ms while
 * commands come). Prints the CPU and the size of each.
 *
 *   node --import tsx bench/monitor-views.ts [--seats 1000] [--played 1]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMechlabApp } from "../server/app";
import { adminMessage, projectorMessage } from "../server/sessions/router";
import type { Command } from "../lib/engine";
import { loadTreatment } from "./load-treatment";
import { arg } from "./args";

const N = arg("seats", 1000);
const PLAYED = arg("played", 1);
const REPEAT = 50;

process.env.MECHLAB_QUIET = "1";
const app = await createMechlabApp({ dbUrl: `file:${join(mkdtempSync(join(tmpdir(), "mechlab-monitor-")), "bench.db")}`, log: () => {} });
const r = await app.manager.create({ ...loadTreatment("monitor views", N, PLAYED + 1), leaderboard: { show: true, top: 10 } });
if (!r.ok) throw new Error(r.errors.join("; "));
const host = r.host;
const send = async (pid: string, cmd: Command) => {
  const res = await host.dispatch({ actorKind: "participant", participantId: pid }, cmd);
  if (!res.ok) throw new Error(`${cmd.kind}: ${res.error.message}`);
};
for (const kind of ["connect", "consent", "instructions"] as const) for (const pid of host.state.order) await send(pid, { kind, pid });
for (let round = 1; round <= PLAYED; round++)
  for (const phase of ["decide", "results"] as const)
    for (const pid of host.state.order) {
      const g = host.state.groups.get(host.state.participants.get(pid)!.groupId!)!;
      const action = phase === "decide" ? { type: "invest", x: Math.round(Math.random() * 500) / 100 } : { type: "continue" };
      await send(pid, { kind: "action", pid, clientActionId: `${pid}-${round}-${phase}`, action, at: { round: g.round, phase: g.phase, phaseSeq: g.phaseSeq } });
    }
await new Promise((res) => setTimeout(res, 3000)); // the live charts' recomputation after the round
for (const [name, message] of [["admin (monitor)", adminMessage], ["projector (room's screen)", projectorMessage]] as const) {
  for (let k = 0; k < 20; k++) JSON.stringify(message(host, Date.now())); // warm
  const c0 = process.cpuUsage();
  let bytes = 0;
  for (let k = 0; k < REPEAT; k++) bytes = JSON.stringify(message(host, Date.now())).length;
  const c = process.cpuUsage(c0);
  console.log(`${name} view of a ${N}-seat session after ${PLAYED} round(s): ${((c.user + c.system) / 1000 / REPEAT).toFixed(2)} ms of CPU per push (built and encoded), ${(bytes / 1024).toFixed(0)} KiB`);
}
await app.close();
