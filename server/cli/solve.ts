/**
 * `mechlab solve ids|ssg|cip [instance.json]`: JSON instance from the file (or stdin, also as `-`) →
 * JSON results on stdout.
 * Invalid or out-of-range input (also empty, not JSON, or larger than {@link MAX_INPUT_BYTES}), an
 * instance the solver cannot certify, or a result that would contain a non-finite number: a clear
 * message on stderr, nothing on stdout, exit code 2.
 */
import { readFileSync, statSync } from "node:fs";
import { firstNonFinite } from "../../lib/core/finite";

/**
 * Largest input read (bytes). The largest instance any `solve` accepts is an IDS one at its 200-user
 * cap, about 40,000 numbers (under 1 MiB as JSON even with 17 digits each); more is refused unread.
 */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

type SolveCommand = (raw: unknown) => { ok: true; output: unknown } | { ok: false; error: string };

const SOLVERS: Record<string, () => Promise<SolveCommand>> = {
  ids: async () => (await import("../../lib/mechanisms/ids/solve-cli")).solveIdsCommand,
  ssg: async () => (await import("../../lib/mechanisms/ssg/solve-cli")).solveSsgCommand,
  cip: async () => (await import("../../lib/mechanisms/cip/solve-cli")).solveCipCommand,
};

const TOO_LARGE = `the input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, far above the size limits of every solve (docs/papers/ids.md, ssg.md, cip.md); give a smaller instance`;

/** The instance text from stdin, or why it cannot be read. */
async function readStdin(): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const c of process.stdin) {
    bytes += (c as Buffer).length;
    if (bytes > MAX_INPUT_BYTES) return { ok: false, error: TOO_LARGE };
    chunks.push(c as Buffer);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

/** The instance text from a file, or why it cannot be read. */
function readInstanceFile(path: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    if (statSync(path).size > MAX_INPUT_BYTES) return { ok: false, error: TOO_LARGE };
    return { ok: true, text: readFileSync(path, "utf8") };
  } catch (e) {
    return { ok: false, error: `cannot read ${path}: ${(e as Error).message}` };
  }
}

export async function runSolve(args: string[]): Promise<number> {
  const which = args[0];
  const load = which !== undefined && Object.hasOwn(SOLVERS, which) ? SOLVERS[which] : undefined;
  if (!load) {
    process.stderr.write(`mechlab solve: say which game: ${Object.keys(SOLVERS).join(", ")} (e.g. mechlab solve ids < instance.json)\n`);
    return 2;
  }
  const rest = args.slice(1);
  if (rest.length > 1 || rest.some((a) => a.startsWith("-") && a !== "-")) {
    process.stderr.write(`mechlab solve ${which}: unexpected argument(s) ${rest.join(" ")}\nusage: mechlab solve ${which} [instance.json] (or the instance on stdin)\n`);
    return 2;
  }
  const file = rest[0] === "-" ? undefined : rest[0];
  if (file === undefined && process.stdin.isTTY) {
    process.stderr.write(`mechlab solve ${which}: give an instance file (mechlab solve ${which} instance.json) or pipe one on stdin (mechlab solve ${which} < instance.json)\n`);
    return 2;
  }
  const input = file === undefined ? await readStdin() : readInstanceFile(file);
  if (!input.ok) {
    process.stderr.write(`mechlab solve ${which}: ${input.error}\n`);
    return 2;
  }
  if (input.text.trim() === "") {
    process.stderr.write(`mechlab solve ${which}: the input is empty; give a JSON instance (a file, or on stdin)\n`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(input.text);
  } catch (e) {
    process.stderr.write(`mechlab solve ${which}: the input is not valid JSON (${(e as Error).message}); give a JSON instance (a file, or on stdin)\n`);
    return 2;
  }
  const solve = await load();
  let r: ReturnType<SolveCommand>;
  try {
    r = solve(raw);
  } catch (e) {
    process.stderr.write(`mechlab solve ${which}: could not solve this instance: ${(e as Error).message}\n`);
    return 1;
  }
  if (!r.ok) {
    process.stderr.write(`mechlab solve ${which}: this instance is refused:\n${r.error}\n`);
    return 2;
  }
  const bad = firstNonFinite(r.output);
  if (bad) {
    process.stderr.write(
      `mechlab solve ${which}: this instance is refused: the result ${bad} is not a finite number (overflow); ` +
        `rescale the instance so that its numbers are closer to 1\n`,
    );
    return 2;
  }
  process.stdout.write(JSON.stringify(r.output, null, 2) + "\n");
  return 0;
}
