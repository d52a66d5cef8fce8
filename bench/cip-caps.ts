/**
 * CIP sessions at the parameter caps (6 types, 8 CIs) with bots: the slowest engine command per
 * variant (ms), after a warm-up session. Target: every command well under 50 ms.
 */
import { capVariants, capsTreatment, slowest, type Timer } from "../lib/games/cip-contracts/caps";

const time: Timer = (fn) => {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
};

console.log("| variant | commands | slowest command (ms) |\n|---|---|---|");
for (const [name, over] of capVariants) {
  const lt = capsTreatment(over);
  slowest(lt, "warm-up", time);
  const { max, commands } = slowest(lt, "perf", time);
  console.log(`| ${name} | ${commands} | ${max.toFixed(1)} |`);
}
