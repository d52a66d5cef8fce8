/**
 * `mechlab replay <export folder>`: recompute every round of `rounds.json` with the mechanism unit of
 * the recorded id@version (lib/mechanisms/registry.ts) and print every difference.
 *
 * The folder is an admin download or one session folder of `mechlab simulate` (holding rounds.json), or
 * the `--out` folder of `mechlab simulate` (every session folder in it is replayed); a rounds.json file
 * works too. Exit 0: every round matches; 1: some round differs (or its unit is unknown); 2: bad input.
 * What is compared is the unit's output only: payoffs and records are the game's score, which a game
 * maps from the output in its own way, so there is no generic check of them from an export.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { FLOAT_TOLERANCE, replayRound, type Difference } from "../../lib/mechanisms/replay";

export const REPLAY_HELP = `mechlab replay <export folder>
      Recomputes every round of rounds.json with the recorded mechanism id@version and prints every
      difference (round, group, path in the output, recorded vs recomputed). The folder holds an admin
      download (mechlab-<session>-rounds.json) or is a session folder of \`mechlab simulate\`, or
      simulate's --out folder (all sessions); a rounds.json file works too.
      Whole numbers, strings and booleans must be equal; other numbers may differ by a relative
      ${FLOAT_TOLERANCE} (|a − b| ≤ ${FLOAT_TOLERANCE} · max(1, |a|, |b|)).
      Only the mechanism unit's output is recomputed: the payoffs and the decision_, outcome_ and
      group_ columns come from the game's score and are not checked here (the tests run every game
      twice from one seed and compare every record: lib/games/kit-determinism.test.ts).
      Exit 0: all rounds match; 1: a difference or an unknown mechanism version; 2: bad input.`;

const RoundsFile = z.array(
  z.object({
    group: z.string(),
    round: z.number(),
    mechanism: z.object({ id: z.string(), version: z.string() }),
    input: z.unknown(),
    output: z.unknown(),
  }),
);

export interface ReplayIo {
  out(text: string): void;
  err(text: string): void;
}

const stdio: ReplayIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** rounds.json as simulate writes it, or as the admin page downloads it (mechlab-<session>-rounds.json). */
const isRoundsFile = (name: string) => name === "rounds.json" || /^mechlab-.+-rounds\.json$/.test(name);

function roundsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter(isRoundsFile)
    .sort()
    .map((f) => join(dir, f));
}

/** The rounds.json files to replay, or a message saying what to do. */
function roundsFiles(target: string): string[] | string {
  if (!existsSync(target)) return `${target} does not exist: give the folder of an export (with rounds.json) or simulate's --out folder`;
  if (statSync(target).isFile()) return [target];
  const own = roundsIn(target);
  if (own.length > 0) return own;
  const nested = readdirSync(target)
    .sort()
    .map((d) => join(target, d))
    .filter((d) => statSync(d).isDirectory())
    .flatMap(roundsIn);
  return nested.length > 0 ? nested : `no rounds.json in ${target} or its sub-folders: download the export from the admin page or run mechlab simulate first`;
}

const fmt = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function describe(d: Difference): string {
  const where = d.path || "(round)";
  if (d.note) return `${where}: ${d.note}${d.recorded !== null || d.recomputed !== null ? ` (recorded ${fmt(d.recorded)}, recomputed ${fmt(d.recomputed)})` : ""}`;
  return `${where}: recorded ${fmt(d.recorded)}, recomputed ${fmt(d.recomputed)}`;
}

export async function runReplay(args: string[], io: ReplayIo = stdio): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith("--")) {
    io.err(`mechlab replay: give exactly one export folder\nusage:\n  ${REPLAY_HELP}\n`);
    return 2;
  }
  const files = roundsFiles(args[0]!);
  if (typeof files === "string") {
    io.err(`mechlab replay: ${files}\n`);
    return 2;
  }
  let rounds = 0;
  let differing = 0;
  for (const file of files) {
    const label = files.length > 1 ? `${basename(file) === "rounds.json" ? basename(join(file, "..")) : basename(file)}: ` : "";
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      io.err(`mechlab replay: cannot read ${file} as JSON (${(e as Error).message}); export it again from the admin page or mechlab simulate\n`);
      return 2;
    }
    const parsed = RoundsFile.safeParse(data);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      io.err(`mechlab replay: ${file} is not a rounds.json export (at ${i.path.join(".") || "the top"}: ${i.message}); export it again from the admin page or mechlab simulate\n`);
      return 2;
    }
    for (const r of parsed.data) {
      rounds++;
      const diffs = replayRound(r);
      if (diffs.length === 0) continue;
      differing++;
      for (const d of diffs) io.out(`${label}round ${r.round} group ${r.group} ${r.mechanism.id}@${r.mechanism.version}: ${describe(d)}\n`);
    }
  }
  const sessions = files.length === 1 ? "" : ` in ${files.length} exports`;
  if (differing === 0) {
    io.out(`replayed ${rounds} round(s)${sessions}: all match (the mechanism units' output; payoffs are not recomputed)\n`);
    return 0;
  }
  io.out(`replayed ${rounds} round(s)${sessions}: ${differing} differ\n`);
  return 1;
}
