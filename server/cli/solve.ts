/**
 * `mechlab solve ids|ssg|cip`: JSON instance on stdin → JSON results on stdout.
 * Invalid or out-of-range input, an instance the solver cannot certify, or a result that would
 * contain a non-finite number: a clear message on stderr, nothing on stdout, exit code 2.
 */
import { firstNonFinite } from "../../lib/core/finite";

type SolveCommand = (raw: unknown) => { ok: true; output: unknown } | { ok: false; error: string };

const SOLVERS: Record<string, () => Promise<SolveCommand>> = {
  ids: async () => (await import("../../lib/mechanisms/ids/solve-cli")).solveIdsCommand,
  ssg: async () => (await import("../../lib/mechanisms/ssg/solve-cli")).solveSsgCommand,
  cip: async () => (await import("../../lib/mechanisms/cip/solve-cli")).solveCipCommand,
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function runSolve(args: string[]): Promise<number> {
  const which = args[0];
  const load = which !== undefined && Object.hasOwn(SOLVERS, which) ? SOLVERS[which] : undefined;
  if (!load) {
    process.stderr.write(`mechlab solve: say which game: ${Object.keys(SOLVERS).join(", ")} (e.g. mechlab solve ids < instance.json)\n`);
    return 2;
  }
  const text = await readStdin();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    process.stderr.write(`mechlab solve ${which}: the input is not valid JSON (${(e as Error).message}). Pipe a JSON instance on stdin.\n`);
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
