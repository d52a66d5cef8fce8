/**
 * `mechlab <command>`: simulate sessions with bots, replay an export's rounds, solve a mechanism
 * instance from stdin, check a treatment before a session, or reset the admin password.
 */
import { runAdminPassword } from "./admin-password";
import { runCheck } from "./check";
import { REPLAY_HELP, runReplay } from "./replay";
import { runSimulate } from "./simulate";
import { runSolve } from "./solve";

const USAGE = `usage:
  mechlab simulate <treatment.json> [--sessions N] [--seed S] [--out DIR] [--bot NAME]
      Runs complete sessions with bots through the real engine and database and writes the
      same export files as the admin page (data.csv, data-wide.csv, data.json, codebook.csv, events.csv, rounds.json).
  mechlab check <treatment.json> [--json]
      Validates a treatment (every error at once; exit code 2) and prints what theory predicts for it.
  mechlab admin-password [--password NEW]
      Resets a lost admin password (a new one is printed when --password is not given).
  ${REPLAY_HELP}
  mechlab solve ids|ssg|cip < instance.json
      Reads an instance as JSON on stdin and prints the mechanism's results as JSON.`;

const [cmd, ...rest] = process.argv.slice(2);
let code = 0;
if (cmd === "simulate") code = await runSimulate(rest);
else if (cmd === "replay") code = await runReplay(rest);
else if (cmd === "solve") code = await runSolve(rest);
else if (cmd === "check") code = runCheck(rest);
else if (cmd === "admin-password") code = await runAdminPassword(rest);
else {
  const help = cmd === "--help" || cmd === "-h";
  process.stderr.write(`${cmd && !help ? `mechlab: unknown command "${cmd}"\n` : ""}${USAGE}\n`);
  code = help ? 0 : 2;
}
process.exit(code);
