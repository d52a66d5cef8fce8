/**
 * `mechlab figures cip|ids [--out DIR] [--treatment FILE]`: the seed papers' figures as SVG plus the CSV
 * behind each (lib/figures/). With --treatment (CIP only) the launch check's figures around that
 * treatment's parameters instead.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import type { Figure } from "../../lib/figures/figure";
import { cipPaperFigures } from "../../lib/figures/cip";
import { idsPaperFigures } from "../../lib/figures/ids";
import { launchFigures } from "../../lib/figures/launch";
import { writeFigures } from "../figures/write";

export const FIGURES_USAGE = `usage: mechlab figures cip|ids [--out DIR] [--treatment FILE]

Writes each figure of a seed paper as DIR/<figure>.svg plus the table behind it, DIR/<figure>.csv,
computed with the project's own mechanism cores (docs/games/cip-contracts.md, docs/games/ids-pivotal.md):

  cip   Fig. 1 (CC utility of the optimal menu / equal allocation vs the number of CIs, R fixed and
        growing), Fig. 2 (CI utility per type), Fig. 3 (utility for each contract), and the CC utility
        of the menu and the equal split as the resources, the type mix and the payment cost vary
  ids   budget of the Pivotal (eq. 6, eq. 9) and Externality mechanisms and the share of users who
        participate voluntarily as the number of users and the cost spread vary (Examples 1, 2, 4)

options:
  --out DIR         output folder, created if missing (default ./figures)
  --treatment FILE  cip only: the launch check's figures around this CIP treatment, its point marked

exit codes: 0 written, 2 bad arguments, unreadable or invalid treatment, or a folder that cannot be
written (message on stderr), 1 internal error.`;

const FAMILIES: Record<string, () => Figure[]> = { cip: cipPaperFigures, ids: idsPaperFigures };

interface FigureArgs {
  family: string;
  out: string;
  treatment: string | undefined;
}

function parseArgs(args: string[]): FigureArgs | string {
  const positional: string[] = [];
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      if (a !== "--out" && a !== "--treatment") return `unknown option ${a}`;
      const v = args[i + 1];
      if (v === undefined || v.startsWith("--")) return `option ${a} needs a value`;
      opts[a.slice(2)] = v;
      i++;
    } else positional.push(a);
  }
  const family = positional[0];
  if (family === undefined) return `say which paper: ${Object.keys(FAMILIES).join(" or ")} (e.g. mechlab figures cip --out figures/)`;
  if (!Object.hasOwn(FAMILIES, family)) return `unknown figure set "${family}"; use ${Object.keys(FAMILIES).join(" or ")}`;
  if (positional.length > 1) return `unexpected argument "${positional[1]}"`;
  if (opts.treatment !== undefined && family !== "cip") return "--treatment works with cip only (the IDS figures are the paper's examples, the same for every treatment; the launch check only marks its N and cost spread on them)";
  return { family, out: resolve(opts.out ?? "figures"), treatment: opts.treatment };
}

function treatmentFigures(file: string): Figure[] | string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return `cannot read ${file}: ${(e as Error).message}`;
  }
  const lt = loadTreatment(text, games);
  if (!lt.ok) return `the treatment is not valid:\n  ${lt.errors.join("\n  ")}`;
  if (lt.value.game.id !== "cip-contracts") return `${file} is a "${lt.value.game.id}" treatment; --treatment needs a cip-contracts treatment`;
  return launchFigures(lt.value);
}

export async function runFigures(args: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const a = parseArgs(args);
  if (typeof a === "string") {
    err(`mechlab figures: ${a}\n${FIGURES_USAGE.split("\n")[0]}\n`);
    return 2;
  }
  const figures = a.treatment !== undefined ? treatmentFigures(a.treatment) : FAMILIES[a.family]!();
  if (typeof figures === "string") {
    err(`mechlab figures: ${figures}\n`);
    return 2;
  }
  let written: string[];
  try {
    written = await writeFigures(a.out, figures);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    err(`mechlab figures: cannot write to ${a.out}: ${(e as Error).message}\n`);
    return 2;
  }
  out(`${figures.length} figure(s), ${written.length} files in ${a.out}:\n${written.map((w) => `  ${w}`).join("\n")}\n`);
  return 0;
}
