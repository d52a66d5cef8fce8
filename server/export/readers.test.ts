/**
 * The exported CSV opens cleanly in pandas and R with their default readers. Runs when /usr/bin/python3
 * has pandas and Rscript exists (.ci/run installs Debian's python3-pandas and r-base-core); otherwise
 * these tests report themselves skipped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSimulate } from "../cli/simulate";

const hasPandas = existsSync("/usr/bin/python3") && spawnSync("/usr/bin/python3", ["-c", "import pandas"]).status === 0;
const hasR = spawnSync("Rscript", ["--version"]).status === 0;
const EXAMPLE = join(import.meta.dirname, "../../examples/treatments/ids-investment-3.json");

describe.skipIf(!hasPandas && !hasR)("exported CSV in analysis tools", () => {
  let dir = "";
  let csv = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mechlab-readers-"));
    delete process.env.DATABASE_URL;
    expect(await runSimulate([EXAMPLE, "--out", dir, "--bot", "random", "--seed", "r"])).toBe(0);
    const session = readdirSync(dir).find((f) => !f.startsWith("simulate.db"))!;
    csv = join(dir, session, "data.csv");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!hasPandas)("pandas.read_csv gives typed columns", () => {
    const out = execFileSync("/usr/bin/python3", [
      "-c",
      `import json, sys, pandas as pd
d = pd.read_csv(sys.argv[1])
print(json.dumps({"rows": len(d), "treatment": d["treatment"].iloc[0], "dtypes": {c: str(t) for c, t in d.dtypes.items()}}))`,
      csv,
    ]).toString();
    const r = JSON.parse(out);
    expect(r.rows).toBe(6);
    expect(r.treatment).toBe("IDS unregulated, 3 users, 2 rounds");
    expect(r.dtypes.decision_x).toBe("float64");
    expect(r.dtypes.round).toBe("int64");
    expect(r.dtypes.is_bot).toBe("bool");
    expect(r.dtypes.timed_out).toBe("bool");
    expect(r.dtypes.payoff).toBe("float64");
  });

  it.skipIf(!hasR)("R read.csv gives typed columns", () => {
    const out = execFileSync("Rscript", [
      "-e",
      `d <- read.csv(commandArgs(TRUE)[1]); cat(nrow(d), d$treatment[1], class(d$decision_x), class(d$round), class(d$is_bot), class(d$timed_out), sep="|")`,
      csv,
    ]).toString();
    expect(out.split("|")).toEqual(["6", "IDS unregulated, 3 users, 2 rounds", "numeric", "integer", "logical", "logical"]);
  });
});
