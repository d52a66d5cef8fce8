/**
 * `mechlab <command>`: simulate sessions with bots, replay an export's rounds, or solve a mechanism
 * instance from stdin.
 */
import { REPLAY_HELP, runReplay } from "./replay";
import { runSimulate } from "./simulate";
import { runSolve } from "./solve";

const USAGE = `usage:
  mechlab simulate <treatment.json> [--sessions N] [--seed S] [--out DIR] [--bot NAME]
      Runs complete sessions with bots through the real engine and database and writes the
      same export files as the admin page (data.csv, data.json, codebook.csv, events.csv, rounds.json).
  ${REPLAY_HELP}
  mechlab solve ids|ssg|cip < instance.json
      Reads an instance as JSON on stdin and prints the mechanism's results as JSON.`;

const [cmd, ...rest] = process.argv.slice(2);
let code = 0;
if (cmd === "simulate") code = await runSimulate(rest);
else if (cmd === "replay") code = await runReplay(rest);
else if (cmd === "solve") code = await runSolve(rest);
else {
  const help = cmd === "--help" || cmd === "-h";
  process.stderr.write(`${cmd && !help ? `mechlab: unknown command "${cmd}"\n` : ""}${USAGE}\n`);
  code = help ? 0 : 2;
}
process.exit(code);
