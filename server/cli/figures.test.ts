import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runFigures } from "./figures";

const ROOT = join(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/mechlab.mjs");
const mechlab = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

/** runFigures in this process (the argument checks; the spawned runs above cover the binary). */
async function inProcess(args: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runFigures(args, (s) => (stdout += s), (s) => (stderr += s));
  return { status, stdout, stderr };
}

/** A CSV's header and rows (the figure CSVs have no quoted commas in numbers). */
function csv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trimEnd().split("\r\n");
  return { header: lines[0]!.split(","), rows: lines.slice(1).map((l) => l.split(",")) };
}

function checkFolder(dir: string, ids: string[], firstColumns: Record<string, string[]>) {
  const files = readdirSync(dir).sort();
  expect(files).toEqual(ids.flatMap((id) => [`${id}.csv`, `${id}.svg`]).sort());
  for (const id of ids) {
    const svg = readFileSync(join(dir, `${id}.svg`), "utf8");
    expect(XMLValidator.validate(svg), id).toBe(true);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|href="http/i);
    const { header, rows } = csv(readFileSync(join(dir, `${id}.csv`), "utf8"));
    if (firstColumns[id]) expect(header.slice(0, firstColumns[id].length)).toEqual(firstColumns[id]);
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) expect(Number.isFinite(Number(r[0]))).toBe(true);
  }
}

describe("mechlab figures", () => {
  it("cip: writes each figure as SVG plus the CSV behind it", () => {
    const dir = mkdtempSync(join(tmpdir(), "mechlab-fig-"));
    const r = mechlab(["figures", "cip", "--out", join(dir, "new")]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^6 figure\(s\), 12 files in /);
    checkFolder(
      join(dir, "new"),
      ["cip-fig1-cc-utility-vs-cis", "cip-fig2-ci-utility-by-type", "cip-fig3-utility-by-contract", "cip-cc-utility-vs-resources", "cip-cc-utility-vs-type-mix", "cip-cc-utility-vs-payment-cost"],
      {
        "cip-fig1-cc-utility-vs-cis": ["cis", "ratio_fixed_resources", "ratio_growing_resources", "played_ratio_fixed", "played_ratio_growing", "equal_split"],
        "cip-cc-utility-vs-resources": ["resources", "optimal_menu", "equal_allocation", "ratio", "feasible", "infeasible_reason"],
      },
    );
    const svg = readFileSync(join(dir, "new", "cip-cc-utility-vs-resources.svg"), "utf8");
    expect(svg).toContain("CC utility as the resources R vary");
    expect(svg).toContain("paper: R = 650");
  });

  it("ids: budget and participation figures", () => {
    const dir = mkdtempSync(join(tmpdir(), "mechlab-fig-"));
    const r = mechlab(["figures", "ids", "--out", dir]);
    expect(r.status).toBe(0);
    checkFolder(dir, ["ids-budget-vs-users", "ids-budget-vs-cost-spread", "ids-participation-vs-users", "ids-participation-vs-cost-spread"], {
      "ids-budget-vs-users": ["users", "pivotal_budget", "pivotal_full_info_budget", "externality_budget", "paper_bound_eq5"],
    });
  });

  it("--treatment draws the launch check's figures around a CIP treatment", () => {
    const dir = mkdtempSync(join(tmpdir(), "mechlab-fig-"));
    const r = mechlab(["figures", "cip", "--treatment", "examples/treatments/cip-contracts-menu-4.json", "--out", dir]);
    expect(r.status).toBe(0);
    checkFolder(dir, ["cip-cc-utility-vs-resources", "cip-cc-utility-vs-type-mix", "cip-cc-utility-vs-payment-cost"], {});
    expect(readFileSync(join(dir, "cip-cc-utility-vs-resources.svg"), "utf8")).toContain("this treatment");
  });

  it.each([
    [[], /say which paper: cip or ids/],
    [["ssg"], /unknown figure set "ssg"; use cip or ids/],
    [["cip", "--out"], /option --out needs a value/],
    [["cip", "--colour", "red"], /unknown option --colour/],
    [["ids", "--treatment", "x.json"], /--treatment works with cip only/],
    [["cip", "--treatment", "does-not-exist.json"], /cannot read does-not-exist\.json/],
    [["cip", "--treatment", "examples/treatments/ids-investment-3.json"], /is a "ids-investment" treatment; --treatment needs a cip-contracts treatment/],
  ])("refuses %j with exit 2 and a message", async (args, message) => {
    const r = await inProcess(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it("an invalid treatment lists its problems; a folder that cannot be written is exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mechlab-fig-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ game: "cip-contracts", params: { types: [] } }));
    const r = await inProcess(["cip", "--treatment", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the treatment is not valid/);
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    const w = await inProcess(["ids", "--out", file]);
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/cannot write to .*a-file/);
  });
});
