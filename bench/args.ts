/**
 * `--name n` on the benchmark's command line as a number, or `dflt` when it is not given. The last one
 * counts: `npm run bench -- socket-1000 --participants 40` passes its flags after the preset's.
 */
export const arg = (name: string, dflt: number): number => {
  const i = process.argv.lastIndexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v)) {
    console.error(`--${name} needs a number (got ${process.argv[i + 1] ?? "nothing"})`);
    process.exit(2);
  }
  return v;
};

/**
 * Exits with status 2, naming them, when the command line has flags other than `numeric` (each followed by
 * its number) and `switches`: a misspelt flag must not leave its setting at the default unnoticed.
 */
export function refuseUnknownFlags(numeric: readonly string[], switches: readonly string[]): void {
  const unknown: string[] = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const name = a.slice(2);
    if (numeric.includes(name)) i++;
    else if (!switches.includes(name)) unknown.push(a);
  }
  if (unknown.length) {
    console.error(`unknown flag(s) ${unknown.join(" ")}; this benchmark takes ${[...numeric.map((n) => `--${n} <number>`), ...switches.map((s) => `--${s}`)].join(", ")}`);
    process.exit(2);
  }
}
