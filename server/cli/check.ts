/**
 * `mechlab check <treatment.json> [--json]`: validate a treatment (every error at once, exit 2) and
 * print what theory predicts for it, the same launch check the New Session page shows.
 */
import { readFileSync } from "node:fs";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { launchCheck, launchCheckText } from "../../lib/study/launch-check";

/** Why a file could not be read, and what to do, in words. */
function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "there is no such file; check the path (e.g. examples/treatments/ids-investment-3.json)";
  if (code === "EISDIR") return "this is a folder; give the treatment's .json file inside it";
  if (code === "EACCES" || code === "EPERM") return "you may not read this file; check its permissions";
  return (e as Error).message;
}

export function runCheck(args: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  const unknown = files.find((a) => a.startsWith("--"));
  if (unknown || files.length !== 1) {
    err(`mechlab check: ${unknown ? `unknown option ${unknown}` : "give one treatment file"}\nusage: mechlab check <treatment.json> [--json]\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(files[0]!, "utf8");
  } catch (e) {
    err(`mechlab check: cannot read ${files[0]}: ${readProblem(e)}\n`);
    return 2;
  }
  const lt = loadTreatment(text, games);
  if (!lt.ok) {
    if (json) out(JSON.stringify({ ok: false, errors: lt.errors }, null, 2) + "\n");
    else err(`${files[0]}: ${lt.errors.length} problem(s):\n${lt.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return 2;
  }
  const c = launchCheck(lt.value, text);
  out(json ? JSON.stringify({ ok: true, ...c }, null, 2) + "\n" : launchCheckText(c));
  return 0;
}
