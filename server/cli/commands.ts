/**
 * The `mechlab` commands: name, one-line summary and usage text (printed by `mechlab --help` and
 * `mechlab <command> --help`), and how to run each. Add a command here to get its help for free.
 */
import { FIGURES_USAGE } from "./figures";
import { REPLAY_HELP } from "./replay";

export interface CliCommand {
  summary: string;
  usage: string;
  run: (args: string[]) => Promise<number>;
}

export const COMMANDS: Record<string, CliCommand> = {
  simulate: {
    summary: "run complete sessions of a treatment with bots and write the export files",
    usage: `usage: mechlab simulate <treatment.json> [--sessions N] [--seed S] [--out DIR] [--bot NAME]

Runs complete sessions with bots through the real engine and database and writes the same export
files as the admin page (data.csv, data-wide.csv, data.json, survey.csv, codebook.csv, payments.csv, events.csv,
rounds.json, report.html) to DIR/<session-id>/. Its payments.csv lists the bot seats: what the treatment
would pay people who played so.

options:
  --sessions N   number of sessions, 1 to 1000 (default 1)
  --seed S       seed of the first session; session k uses S-k (default "mechlab")
  --out DIR      output folder (default ./simulations)
  --bot NAME     bot for seats the treatment does not assign (default: the game's default bot)

exit codes: 0 done, 2 bad arguments or treatment (message on stderr).`,
    run: async (args) => (await import("./simulate")).runSimulate(args),
  },
  replay: {
    summary: "recompute every round of an export's rounds.json and print the differences",
    usage: `usage: ${REPLAY_HELP}`,
    run: async (args) => (await import("./replay")).runReplay(args),
  },
  check: {
    summary: "validate a treatment (every error at once) and print what theory predicts for it",
    usage: `usage: mechlab check <treatment.json> [--json]

Validates a treatment file like the New Session page does, reporting every error at once (one message
per field), and prints what theory predicts for exactly this treatment, computed by the mechanism cores
(IDS: Nash and social optimum, Pivotal taxes and budget, Externality equilibrium messages and taxes;
SSG: NSE, CSW-Max, CSW-Max-NSE and dictatorship; CIP: menu, ULIC, Algorithm 1's exclusions, equal
split), with warnings (e.g. two mechanisms that give the same outcome on this instance).

--json  print { ok: true, game, seats, groups, groupSize, rounds, sections: [{ id, title, note,
        metrics: [{ label, value, hint }], tables: [{ title, columns, rows }] }], warnings }
        or, for an invalid treatment, { ok: false, errors: [...] } (exit 2)

exit codes: 0 valid, 2 invalid treatment, unreadable file or bad arguments.`,
    run: async (args) => (await import("./check")).runCheck(args),
  },
  figures: {
    summary: "write the seed papers' figures (cip, ids) as SVG plus the CSV behind each",
    usage: FIGURES_USAGE,
    run: async (args) => (await import("./figures")).runFigures(args),
  },
  "admin-password": {
    summary: "reset a lost admin password",
    usage: `usage: mechlab admin-password [--password-stdin | --password NEW]

Resets the admin password in the database the server uses (DATABASE_URL, default data/mechlab.db).
Without an option a new one is generated and printed once. --password-stdin asks for yours twice
without showing it (or reads the first line piped in: printf '%s\\n' "$PW" | mechlab admin-password
--password-stdin); --password NEW also works but leaves it in the shell's history and, while the
command runs, in the process list. Every admin login ends.
Run it in the folder you start the server from, with the server's DATABASE_URL: a SQLite file that
does not exist is refused, not created.

exit codes: 0 done, 1 the database cannot be opened, 2 bad arguments (passwords need at least
8 characters) or no database at that DATABASE_URL.`,
    run: async (args) => (await import("./admin-password")).runAdminPassword(args),
  },
  solve: {
    summary: "solve one mechanism instance (ids, ssg or cip) read as JSON on stdin",
    usage: `usage: mechlab solve ids|ssg|cip [instance.json]

Reads an instance as JSON from the file (or from stdin: mechlab solve ids < instance.json) and prints
the mechanism's results as JSON on stdout, complete also through a pipe (a reader that stops early,
like head -c, ends the command quietly).
Input formats and size limits: docs/papers/ids.md, docs/papers/ssg.md, docs/papers/cip.md; an input
over 8 MiB is refused unread.

exit codes: 0 solved, 2 invalid, empty, unreadable or out-of-range instance, or one the solver cannot
certify (message on stderr; nothing on stdout), 1 internal error (a bug: please report the instance).`,
    run: async (args) => (await import("./solve")).runSolve(args),
  },
};

/** `mechlab --help`: every command with its summary. */
export function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: mechlab <command> [arguments]

commands:
${lines.join("\n")}

Run \`mechlab <command> --help\` for a command's arguments.`;
}

/** True when the arguments ask for help (`--help`, `-h` or `help`). */
export function wantsHelp(arg: string | undefined): boolean {
  return arg === "--help" || arg === "-h" || arg === "help";
}
