/**
 * Micro-benchmark of the SQLite write path alone (server/db/writer.ts): N write requests of the shape one
 * accepted command writes in the load benchmark (the session row's version check, two snapshot parts,
 * one event), one per transaction or `--group g` per transaction, on a fresh migrated database.
 * Prints the process's CPU time per request.
 *
 *   node --import tsx bench/sqlite-writer.ts [--requests 5000] [--group 1] [--seats 20] [--top always]
 *
 * `--seats n`: the session's top-level JSON holds n seat ids (22 KB at 1,000). `--top always` rewrites it
 * with every request, as every command did before server/sessions/snapshot.ts `topChanged`; by default
 * the request updates the version column alone, as a command that changes only its parts does now.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../server/db/migrate";
import { makeWriter, type SqlStatement } from "../server/db/writer";
import { arg } from "./args";

const N = arg("requests", 5000);
const GROUP = arg("group", 1);
const SESSIONS = 50;
const SEATS = arg("seats", 20);
const TOP_ALWAYS = process.argv.includes("--top") && process.argv[process.argv.indexOf("--top") + 1] === "always";

const url = `file:${join(mkdtempSync(join(tmpdir(), "mechlab-writer-")), "bench.db")}`;
await migrate(url);
const w = await makeWriter(url);
const now = new Date();
const top = JSON.stringify({ id: "x", status: "running", order: Array.from({ length: SEATS }, (_, i) => `session-id-0000-${i}-abcdef`), rng: [1, 2, 3, 4] });
const participant = JSON.stringify({ seat: 3, stage: "playing", history: Array.from({ length: 3 }, (_, r) => ({ round: r, payoff: 70.123456789, timedOut: false, decision: { x: 2.5 } })), pad: "p".repeat(600) });
const group = JSON.stringify({ id: "g1", members: ["a", "b", "c", "d"], game: { x: [1, 2, 3, 4], pad: "g".repeat(1500) } });
const version = new Map<string, number>();
for (let s = 0; s < SESSIONS; s++) {
  const id = `session-${s}`;
  version.set(id, 1);
  await w.transaction([
    { sql: `INSERT INTO "Session" ("id", "code", "name", "gameId", "treatmentJson", "seed", "status", "version", "stateJson", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args: [id, `C${s}`, "bench", "ids-investment", "{}", "seed", "running", 1, top, now, now] },
  ]);
}
let seq = 1;
const request = (k: number): SqlStatement[] => {
  const id = `session-${k % SESSIONS}`;
  const v = version.get(id)!;
  version.set(id, v + 1);
  seq++;
  return [
    TOP_ALWAYS
      ? { sql: `UPDATE "Session" SET "stateJson" = ?, "version" = ?, "status" = ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`, args: [top, v + 1, "running", now, id, v], expectRows: 1 }
      : { sql: `UPDATE "Session" SET "version" = ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`, args: [v + 1, now, id, v], expectRows: 1 },
    {
      sql: `INSERT INTO "SnapshotPart" ("sessionId", "kind", "key", "json") VALUES (?, ?, ?, ?), (?, ?, ?, ?) ON CONFLICT ("sessionId", "kind", "key") DO UPDATE SET "json" = excluded."json"`,
      args: [id, "p", `p${k % 20}`, participant, id, "g", `g${k % 5}`, group],
    },
    {
      sql: `INSERT INTO "ActionEvent" ("sessionId", "seq", "serverTime", "actorKind", "participantId", "command", "payloadJson", "clientActionId", "accepted", "errorCode", "errorMessage", "versionAfter") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [id, seq, now, "participant", `p${k % 20}`, "action", '{"type":"invest","x":2.5}', `a${k}`, true, null, null, v + 1],
    },
  ];
};
/** Bytes this process handed to write system calls so far (Linux; null elsewhere). */
const written = () => (existsSync("/proc/self/io") ? Number(/wchar: (\d+)/.exec(readFileSync("/proc/self/io", "utf8"))?.[1]) : null);
const w0 = written();
const t0 = process.cpuUsage();
const wall = performance.now();
for (let k = 0; k < N; k += GROUP) await Promise.all(Array.from({ length: Math.min(GROUP, N - k) }, (_, j) => w.transaction(request(k + j))));
const u = process.cpuUsage(t0);
const w1 = written();
console.log(`${SEATS} seats, top-level JSON ${TOP_ALWAYS ? `(${top.length} bytes) rewritten by every request` : "left alone"}; ${N} requests, ${GROUP} per transaction (${w.stats.transactions - SESSIONS} transactions): CPU ${((u.user + u.system) / 1000 / N).toFixed(3)} ms per request (user ${(u.user / 1000 / N).toFixed(3)}, system ${(u.system / 1000 / N).toFixed(3)}), wall ${((performance.now() - wall) / N).toFixed(3)} ms${w0 !== null && w1 !== null ? `, ${((w1 - w0) / N / 1024).toFixed(1)} KiB written per request` : ""}; load ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
await w.close();
