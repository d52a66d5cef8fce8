import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "./commands";
import { MAX_INPUT_BYTES } from "./solve";

const ROOT = join(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/mechlab.mjs");
const mechlab = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", input, timeout: 60_000 });

describe("mechlab --help", () => {
  it("lists every command and exits 0 (also -h and help)", () => {
    for (const flag of ["--help", "-h", "help"]) {
      const r = mechlab([flag]);
      expect(r.status).toBe(0);
      for (const name of Object.keys(COMMANDS)) expect(r.stdout).toContain(`  ${name}  `);
    }
  });

  it.each(Object.keys(COMMANDS))("mechlab %s --help prints that command's usage and exits 0", (name) => {
    const r = mechlab([name, "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`usage: mechlab ${name}`);
    expect(r.stdout).toBe(COMMANDS[name]!.usage + "\n");
  });

  it("an unknown command or no command is an error (exit 2) that shows the commands", () => {
    const r = mechlab(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    expect(r.stderr).toContain("mechlab <command> --help");
    expect(mechlab([]).status).toBe(2);
  });
});

describe("mechlab solve refusals", () => {
  it("an out-of-range instance exits 2 with the reason on stderr and nothing on stdout", () => {
    const r = mechlab(["solve", "ids"], JSON.stringify({ alpha: [1e300, 1, 1], W: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], c: [1, 1, 1] }));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/mechlab solve ids: this instance is refused:\nalpha\[0\] must be 0 or between 1e-30 and 1e\+30/);
  });
});

describe("mechlab solve input", () => {
  const small = JSON.stringify({ alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1] });

  it("reads the instance from a file argument, the same as from stdin", () => {
    const dir = mkdtempSync(join(tmpdir(), "mechlab-solve-"));
    const file = join(dir, "ids.json");
    writeFileSync(file, small);
    const fromFile = mechlab(["solve", "ids", file]);
    expect(fromFile.status).toBe(0);
    expect(fromFile.stdout).toBe(mechlab(["solve", "ids"], small).stdout);
    expect(mechlab(["solve", "ids", "-"], small).stdout).toBe(fromFile.stdout);
    const missing = mechlab(["solve", "ids", join(dir, "nope.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/);
  });

  it("empty input, input that is not JSON, extra arguments and an input over the size limit are refused with exit 2 and what to do", () => {
    const cases: [string[], string, RegExp][] = [
      [["solve", "ssg"], "", /the input is empty; give a JSON instance/],
      [["solve", "cip"], "  \n", /the input is empty/],
      [["solve", "ids"], "alpha: [1]", /the input is not valid JSON .*give a JSON instance/],
      [["solve", "ids", "a.json", "b.json"], small, /unexpected argument\(s\) a\.json b\.json\nusage: mechlab solve ids \[instance\.json\]/],
      [["solve", "ids"], `[${"1,".repeat(MAX_INPUT_BYTES / 2)}1]`, /the input is larger than 8 MiB/],
    ];
    for (const [args, input, message] of cases) {
      const r = mechlab(args, input);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
    }
  });
});

describe("mechlab output through a pipe", () => {
  it("a reader that stops early (head -c) ends the command quietly with exit 0, not with an EPIPE stack trace", () => {
    const n = 120;
    const inst = {
      alpha: Array.from({ length: n }, (_, i) => 1 + (i % 5)),
      c: Array.from({ length: n }, () => 0.5),
      W: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0.01))),
    };
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" solve ids | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], {
      cwd: ROOT,
      encoding: "utf8",
      input: JSON.stringify(inst),
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("0");
  });

  it("writes a result far larger than the 64 KiB pipe buffer completely to a slow reader", () => {
    const n = 60;
    const inst = {
      alpha: Array.from({ length: n }, (_, i) => 1 + (i % 5)),
      c: Array.from({ length: n }, (_, i) => 0.1 + 0.01 * i),
      W: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0.01 * ((i * 7 + j * 3) % 5)))),
    };
    // The reader starts only after 500 ms, so the writer must wait for the pipe to drain.
    const reader = `setTimeout(() => { let s = ""; process.stdin.on("data", (d) => (s += d)); process.stdin.on("end", () => { const o = JSON.parse(s); console.log(JSON.stringify({ bytes: s.length, n: o.n, x: o.socialOptimum.x.length })); }); }, 500)`;
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${BIN}" solve ids | "${process.execPath}" -e '${reader}'`], {
      cwd: ROOT,
      encoding: "utf8",
      input: JSON.stringify(inst),
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const got = JSON.parse(r.stdout) as { bytes: number; n: number; x: number };
    expect(got.bytes).toBeGreaterThan(2 * 65536);
    expect(got).toMatchObject({ n, x: n });
  });
});
