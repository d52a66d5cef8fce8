/**
 * The server's own work per command, without sockets: the same sessions and commands as the load benchmark
 * (bench/socket-load.ts: IDS, sessions of 20 in groups of 4, 3 rounds; per participant connect, consent,
 * instructions, then a decision and "continue" per round), dispatched one at a time to the sessions'
 * hosts on a fresh SQLite database, each stored before the next, and the views of everyone a command
 * affected built and encoded as they would be sent. Prints CPU per command (process and main thread),
 * once cold and once more on new sessions of the same process (warm), so a change to the command path
 * can be measured far more steadily than in the socket load, where the transport's cost and the
 * scheduling of 1,000 clients add their own spread.
 *
 *   node --import tsx bench/command-path.ts [--participants 1000] [--views 0] [--rounds 3]
 *   (add --cpu-prof to node's flags for a profile of both passes)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMechlabApp } from "../server/app";
import { participantView } from "../lib/engine/views";
import { affectedParticipants } from "../server/sessions/snapshot";
import type { SessionHost } from "../server/sessions/host";
import type { Command, SessionState } from "../lib/engine";
import { loadTreatment } from "./load-treatment";
import { mainThreadCpuMs } from "./thread-cpu";
import { arg } from "./args";

const N = arg("participants", 1000);
const VIEWS = arg("views", 1) !== 0;
const SESSION = 20;
const ROUNDS = arg("rounds", 3);

process.env.MECHLAB_QUIET = "1";
const dbUrl = `file:${join(mkdtempSync(join(tmpdir(), "mechlab-path-")), "bench.db")}`;
const app = await createMechlabApp({ dbUrl, log: () => {} });
const treatment = loadTreatment("command path", SESSION, ROUNDS);

let encodedBytes = 0;
/** What sockets.ts does on a change: the view of everyone affected, encoded as socket.io would. */
function watch(host: SessionHost) {
  host.on("change", (_s: SessionState, _fx: unknown, prev: SessionState) => {
    const now = Date.now();
    for (const pid of affectedParticipants(prev, host.state)) {
      const view = participantView(host.state, host.lt, pid, now);
      if (view) encodedBytes += JSON.stringify(["p:view", { view, serverNow: now }]).length;
    }
  });
}

async function pass(label: string) {
  const hosts: SessionHost[] = [];
  for (let k = 0; k < Math.ceil(N / SESSION); k++) {
    const r = await app.manager.create(treatment);
    if (!r.ok) throw new Error(r.errors.join("; "));
    if (VIEWS) watch(r.host);
    hosts.push(r.host);
  }
  const seats = hosts.flatMap((h) => h.state.order.map((pid) => ({ host: h, pid })));
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuMs();
  const t0 = performance.now();
  let commands = 0;
  let refused = 0;
  const send = async (host: SessionHost, pid: string, cmd: Command) => {
    const r = await host.dispatch({ actorKind: "participant", participantId: pid }, cmd);
    commands++;
    if (!r.ok) refused++;
  };
  for (const kind of ["connect", "consent", "instructions"] as const) for (const { host, pid } of seats) await send(host, pid, { kind, pid });
  for (let round = 1; round <= ROUNDS; round++)
    for (const phase of ["decide", "results"] as const)
      for (const { host, pid } of seats) {
        const g = host.state.groups.get(host.state.participants.get(pid)!.groupId!)!;
        const action = phase === "decide" ? { type: "invest", x: Math.round(Math.random() * 500) / 100 } : { type: "continue" };
        await send(host, pid, { kind: "action", pid, clientActionId: `${pid}-${round}-${phase}`, action, at: { round: g.round, phase: g.phase, phaseSeq: g.phaseSeq } });
      }
  for (const { host, pid } of seats) await send(host, pid, { kind: "disconnect", pid });
  const ms = performance.now() - t0;
  const u = process.cpuUsage(cpu0);
  const main = main0 === null ? null : mainThreadCpuMs()! - main0;
  const cpu = (u.user + u.system) / 1000;
  console.log(
    `${label} (${ROUNDS} rounds): ${commands} commands (${refused} refused) in ${(ms / 1000).toFixed(2)} s; CPU ${(cpu / 1000).toFixed(2)} s` +
      `${main === null ? "" : ` (main thread ${(main / 1000).toFixed(2)} s)`}; per command ${(cpu / commands).toFixed(3)} ms` +
      `${main === null ? "" : ` (main ${(main / commands).toFixed(3)} ms)`}${VIEWS ? `; views encoded ${(encodedBytes / 2 ** 20).toFixed(1)} MiB` : ""}`,
  );
  if (refused) process.exitCode = 1;
  for (const h of hosts) app.manager.evict(h.id);
}

await pass("cold");
encodedBytes = 0;
await pass("warm");
await app.close();
