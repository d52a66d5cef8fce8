/**
 * `mechlab check <treatment.json> [--json]`: validate a treatment (every error at once, exit 2) and
 * print what theory predicts for it, the same launch check the New Session page shows.
 */
import { readFileSync } from "node:fs";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { launchCheck, launchCheckText } from "../../lib/study/launch-check";

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
    err(`mechlab check: cannot read ${files[0]}: ${(e as Error).message}\n`);
    return 2;
  }
  const lt = loadTreatment(text, games);
  if (!lt.ok) {
    if (json) out(JSON.stringify({ ok: false, errors: lt.errors }, null, 2) + "\n");
    else err(`${files[0]}: ${lt.errors.length} problem(s):\n${lt.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return 2;
  }
  const c = launchCheck(lt.value);
  out(json ? JSON.stringify({ ok: true, ...c }, null, 2) + "\n" : launchCheckText(c));
  return 0;
}
