/**
 * CIP sessions at the parameter caps (6 types, 8 CIs) with bots: the slowest engine command per
 * variant (ms), after a warm-up session. Target: every command well under 50 ms.
 */
import { capVariants, capsTreatment, slowest } from "../lib/games/cip-contracts/caps";

console.log("| variant | commands | slowest command (ms) |\n|---|---|---|");
for (const [name, over] of capVariants) {
  const lt = capsTreatment(over);
  slowest(lt, "warm-up");
  const { max, commands } = slowest(lt, "perf");
  console.log(`| ${name} | ${commands} | ${max.toFixed(1)} |`);
}
