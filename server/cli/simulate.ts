/**
 * `mechlab simulate <treatment.json> [--sessions N] [--seed S] [--out DIR] [--bot NAME]`
 *
 * Pilots a treatment without humans: every seat is a bot (the treatment's `bots.seats` first, the rest
 * `--bot` or the game's default bot), bots act at once, and the sessions run through the same engine,
 * session host and database as live ones. Each session's exports go to DIR/<session-id>/: the admin
 * page's files, with payments.csv listing the bot seats (what the treatment would pay people who played so).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { hasOwnKey } from "../../lib/core/own";
import { migrate } from "../db/migrate";
import { resolveDbUrl } from "../db/url";
import { buildExport, codebookCsv, eventsCsv, exportCsv, roundsJson, surveyCsv, wideCsv } from "../export/export";
import { paymentsCsv } from "../export/payments";
import { sessionReport } from "../export/report";
import { paymentRows } from "../../lib/study/payments";
import { SessionManager } from "../sessions/manager";
import { SessionStore } from "../sessions/store";
import type { SessionHost } from "../sessions/host";

interface SimArgs {
  file: string;
  sessions: number;
  seed: string;
  out: string;
  bot: string | undefined;
}

function parseArgs(args: string[]): SimArgs | string {
  let file: string | undefined;
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith("--")) return `option ${a} needs a value`;
      opts[a.slice(2)] = v;
      i++;
    } else if (!file) file = a;
    else return `unexpected argument "${a}"`;
  }
  if (!file) return "give the treatment file: mechlab simulate <treatment.json>";
  for (const k of Object.keys(opts)) if (!["sessions", "seed", "out", "bot"].includes(k)) return `unknown option --${k}`;
  const sessions = Number(opts.sessions ?? 1);
  if (!Number.isInteger(sessions) || sessions < 1 || sessions > 1000) return "--sessions must be a whole number from 1 to 1000";
  return { file, sessions, seed: opts.seed ?? "mechlab", out: resolve(opts.out ?? "simulations"), bot: opts.bot };
}

/** How long a bots-only session may go without any change before the simulation calls it stuck. */
export const STUCK_AFTER_MS = 20_000;

/**
 * Wait until the session is over; null then, else why not: a command crashed in the engine (a bug in the
 * game module: its message, not a hang), or nothing changed for STUCK_AFTER_MS (the bots cannot move and no
 * deadline is pending).
 */
async function playedOut(host: SessionHost): Promise<string | null> {
  return new Promise((resolve) => {
    let lastVersion = host.state.version;
    let lastChange = Date.now();
    const done = (why: string | null) => {
      clearInterval(watch);
      host.off("crash", onCrash);
      resolve(why);
    };
    const onCrash = (e: unknown) => done(`a command crashed in the game module: ${e instanceof Error ? e.message : String(e)}`);
    host.on("crash", onCrash);
    const watch = setInterval(() => {
      // only a session that waits for nothing (no bot move, step, deadline or command to come) is stuck
      if (host.state.version !== lastVersion || !host.idle()) {
        lastVersion = host.state.version;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > STUCK_AFTER_MS) done(`nothing happened for ${STUCK_AFTER_MS / 1000} s: the bots cannot move and no deadline is pending (check the game's pending() and its bots)`);
    }, 250);
    void host.whenOver().then(() => done(null));
  });
}

export async function runSimulate(args: string[]): Promise<number> {
  const a = parseArgs(args);
  if (typeof a === "string") {
    process.stderr.write(`mechlab simulate: ${a}\n`);
    return 2;
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(a.file, "utf8")) as Record<string, unknown>;
  } catch (e) {
    process.stderr.write(`mechlab simulate: cannot read ${a.file}: ${(e as Error).message}\n`);
    return 2;
  }
  const lt = loadTreatment(raw, games);
  if (!lt.ok) {
    process.stderr.write(`mechlab simulate: the treatment is not valid:\n  ${lt.errors.join("\n  ")}\n`);
    return 2;
  }
  const game = lt.value.game;
  const bot = a.bot ?? game.defaultBot;
  if (!hasOwnKey(game.bots, bot)) {
    process.stderr.write(`mechlab simulate: unknown bot "${bot}"; use one of ${Object.keys(game.bots).join(", ")}\n`);
    return 2;
  }
  const seats = lt.value.seats;
  const given = lt.value.treatment.bots.seats;
  const allBots = { ...raw, bots: { ...(raw.bots as object | undefined), seats: Array.from({ length: seats }, (_, i) => given[i] ?? bot), delayMs: 0 } };

  mkdirSync(a.out, { recursive: true });
  const dbUrl = resolveDbUrl(process.env.DATABASE_URL ?? `file:${join(a.out, "simulate.db")}`);
  await migrate(dbUrl);
  const store = await SessionStore.open(dbUrl);
  const manager = new SessionManager(store, { botDelayMs: 0 });
  const t0 = Date.now();
  try {
    for (let k = 0; k < a.sessions; k++) {
      const r = await manager.create(allBots, { seed: `${a.seed}-${k + 1}` });
      if (!r.ok) throw new Error(r.errors.join("; "));
      const stuck = await playedOut(r.host);
      if (stuck) {
        process.stderr.write(`mechlab simulate: session ${k + 1} (${r.host.id}) did not finish: ${stuck}\n`);
        return 1;
      }
      await r.host.drain();
      const dir = join(a.out, r.host.id);
      mkdirSync(dir, { recursive: true });
      const b = (await buildExport(store, r.host.id))!;
      writeFileSync(join(dir, "data.csv"), exportCsv(b));
      writeFileSync(join(dir, "data-wide.csv"), wideCsv(b));
      writeFileSync(join(dir, "data.json"), JSON.stringify({ columns: b.columns, rows: b.rows }, null, 2));
      writeFileSync(join(dir, "survey.csv"), surveyCsv(b));
      writeFileSync(join(dir, "codebook.csv"), codebookCsv(b));
      // a bot pilot pays nobody: its payments.csv lists the bot seats, to show what the treatment would pay
      writeFileSync(join(dir, "payments.csv"), paymentsCsv(paymentRows(r.host.state, r.host.lt, { botSeats: true })));
      writeFileSync(join(dir, "events.csv"), await eventsCsv(store, r.host.id));
      writeFileSync(join(dir, "rounds.json"), JSON.stringify(await roundsJson(store, r.host.id), null, 2));
      writeFileSync(join(dir, "report.html"), (await sessionReport(store, r.host.id)) ?? "");
      const mean = b.rows.reduce((s, row) => s + Number(row.payoff ?? 0), 0) / Math.max(1, b.rows.length);
      process.stdout.write(`session ${k + 1}/${a.sessions} ${r.host.id}: ${b.rows.length} rows, mean payoff ${mean.toFixed(2)} → ${dir}\n`);
    }
  } finally {
    await manager.stop();
    await store.close();
  }
  process.stdout.write(`done: ${a.sessions} session(s) of "${lt.value.treatment.name}" in ${((Date.now() - t0) / 1000).toFixed(1)} s; database ${dbUrl.replace(/^file:/, "")}\n`);
  return 0;
}
