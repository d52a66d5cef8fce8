/**
 * `mechlab <command>`: simulate sessions with bots, replay an export's rounds, solve a mechanism instance,
 * check a treatment, or reset the admin password (the commands and their help: commands.ts).
 * Every command's output is written completely before the process exits, also through a pipe
 * (process.exit right after a large write would cut it off at the pipe buffer, 64 KiB).
 */
import { COMMANDS, overview, wantsHelp } from "./commands";

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write("", () => resolve());
  });
}

async function run(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || wantsHelp(cmd)) {
    const out = cmd === undefined ? process.stderr : process.stdout;
    out.write(overview() + "\n");
    return cmd === undefined ? 2 : 0;
  }
  const command = COMMANDS[cmd];
  if (!command) {
    process.stderr.write(`mechlab: unknown command "${cmd}"\n${overview()}\n`);
    return 2;
  }
  if (rest.some(wantsHelp)) {
    process.stdout.write(command.usage + "\n");
    return 0;
  }
  return command.run(rest);
}

// A reader that stops early (`| head -c 100`) closes the pipe: end quietly with exit 0, as the output
// was complete and correct up to where the reader stopped (not an internal error with a stack trace).
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const code = await run(process.argv.slice(2));
process.exitCode = code;
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
