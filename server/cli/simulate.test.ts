import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseCsv } from "../testing/parse-csv";
import { COMMANDS } from "./commands";
import { runSimulate } from "./simulate";

const EXAMPLE = join(import.meta.dirname, "../../examples/treatments/ids-investment-3.json");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tmp() {
  const d = mkdtempSync(join(tmpdir(), "mechlab-sim-"));
  dirs.push(d);
  return d;
}

describe("mechlab simulate", () => {
  it("runs sessions with bots through the database and writes the admin page's files", async () => {
    const out = tmp();
    delete process.env.DATABASE_URL;
    const code = await runSimulate([EXAMPLE, "--sessions", "2", "--seed", "s", "--out", out, "--bot", "socialOptimum"]);
    expect(code).toBe(0);
    const sessions = readdirSync(out).filter((f) => !f.startsWith("simulate.db"));
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      for (const f of ["data.csv", "data.json", "survey.csv", "payments.csv", "codebook.csv", "events.csv", "rounds.json", "report.html"]) expect(existsSync(join(out, s, f))).toBe(true);
      // mechlab simulate --help names every file it writes
      for (const f of readdirSync(join(out, s))) expect(COMMANDS.simulate!.usage, f).toContain(f);
      // every file the codebook documents is written, with the columns it lists
      const codebook = parseCsv(readFileSync(join(out, s, "codebook.csv"), "utf8"));
      for (const file of new Set(codebook.map((r) => r.file))) {
        const header = readFileSync(join(out, s, file!), "utf8").split("\r\n")[0]!.split(",");
        expect(header, file).toEqual(codebook.filter((r) => r.file === file).map((r) => r.column));
      }
      // payments.csv lists the bot seats: what the treatment would pay
      const paid = parseCsv(readFileSync(join(out, s, "payments.csv"), "utf8"));
      expect(paid.map((r) => [r.seat, r.bot_rounds, r.finished])).toEqual([["1", "2", "TRUE"], ["2", "2", "TRUE"], ["3", "2", "TRUE"]]);
      for (const r of paid) expect(r.payout).toMatch(/^\d+\.\d\d$/);
      const rows = parseCsv(readFileSync(join(out, s, "data.csv"), "utf8"));
      expect(rows).toHaveLength(3 * 2);
      for (const r of rows) {
        expect(r.treatment).toBe("IDS unregulated, 3 users, 2 rounds");
        expect(r.is_bot).toBe("TRUE");
        expect(Number(r.decision_x)).toBeCloseTo(Math.min(5, Number(r.outcome_so_x)), 9);
      }
    }
  });

  it("refuses a bad treatment with the field named, and unknown options", async () => {
    const out = tmp();
    const bad = join(out, "bad.json");
    writeFileSync(bad, JSON.stringify({ name: "x", game: "ids-investment", params: { alpha: [1, 2], W: [[1, 0], [0, 1]], c: [1] } }));
    expect(await runSimulate([bad, "--out", out])).toBe(2);
    expect(await runSimulate([EXAMPLE, "--frobnicate", "1"])).toBe(2);
    expect(await runSimulate([EXAMPLE, "--sessions", "0"])).toBe(2);
    expect(await runSimulate([EXAMPLE, "--bot", "nobody", "--out", out])).toBe(2);
  });
});

describe("mechlab simulate and a broken game module", () => {
  it("says which command crashed and exits 1, instead of hanging (a phase id typo in next())", async () => {
    const { games } = await import("../../lib/games/registry");
    const decide = games["ids-investment"]!.phases.decide!;
    const original = decide.next;
    (decide as { next: typeof original }).next = () => "reslts";
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      delete process.env.DATABASE_URL;
      const code = await runSimulate([EXAMPLE, "--out", tmp()]);
      expect(code).toBe(1);
    } finally {
      process.stderr.write = write;
      (decide as { next: typeof original }).next = original;
    }
    expect(errors.join("")).toMatch(/did not finish: a command crashed in the game module: .*has no phase "reslts"/);
  });
});
