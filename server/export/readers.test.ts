/**
 * The exported CSV opens cleanly in pandas and R with their default readers. Runs when /usr/bin/python3
 * has pandas and Rscript exists (.ci/run installs Debian's python3-pandas and r-base-core); otherwise
 * these tests report themselves skipped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSimulate } from "../cli/simulate";
import { toCsv } from "./csv";

const hasPandas = existsSync("/usr/bin/python3") && spawnSync("/usr/bin/python3", ["-c", "import pandas"]).status === 0;
const hasR = spawnSync("Rscript", ["--version"]).status === 0;
const EXAMPLE = join(import.meta.dirname, "../../examples/treatments/ids-investment-3.json");

describe.skipIf(!hasPandas && !hasR)("exported CSV in analysis tools", () => {
  let dir = "";
  let csv = "";
  let payments = "";
  /**
   * Labels and panel ids that look like numbers or like a missing value ("NA", "null", "nan", "n/a" are valid
   * labels and answers), written as the export writes them (a label "-1" gets its guard '), and one empty.
   */
  let labels = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mechlab-readers-"));
    delete process.env.DATABASE_URL;
    expect(await runSimulate([EXAMPLE, "--out", dir, "--bot", "random", "--seed", "r"])).toBe(0);
    const session = readdirSync(dir).find((f) => !f.startsWith("simulate.db"))!;
    csv = join(dir, session, "data.csv");
    payments = join(dir, session, "payments.csv");
    labels = join(dir, "labels.csv");
    writeFileSync(labels, toCsv(["seat", "label", "external_id"], [{ seat: 0, label: "007", external_id: "0123" }, { seat: 1, label: "1e5", external_id: "5f00aa" }, { seat: 2, label: "-1", external_id: "12" }, { seat: 3, label: "NA", external_id: "nan" }, { seat: 4, label: "null", external_id: "n/a" }, { seat: 5, label: null, external_id: null }, { seat: 6, label: "'-Ann", external_id: "'x" }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!hasPandas)("pandas.read_csv gives typed columns", () => {
    const out = execFileSync("/usr/bin/python3", [
      "-c",
      `import json, sys, pandas as pd
d = pd.read_csv(sys.argv[1])
recipe = pd.read_csv(sys.argv[1], keep_default_na=False, na_values=[""])
print(json.dumps({"rows": len(d), "treatment": d["treatment"].iloc[0], "dtypes": {c: str(t) for c, t in d.dtypes.items()}, "recipeDtypes": {c: str(t) for c, t in recipe.dtypes.items()}}))`,
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
    // the documented options that keep "NA" text as text leave every column's type as it is
    expect(r.recipeDtypes).toEqual(r.dtypes);
  });

  it.skipIf(!hasPandas)("pandas: payments.csv's money columns are numbers; the documented recipe keeps labels and panel ids as text", () => {
    const out = execFileSync("/usr/bin/python3", [
      "-c",
      `import json, sys, pandas as pd
p = pd.read_csv(sys.argv[1])
d = pd.read_csv(sys.argv[2], dtype={"label": str, "external_id": str}, keep_default_na=False, na_values=[""])
d["label"] = d["label"].str.replace(r"^'(?=[-=+@'\\t\\r])", "", regex=True)
text = lambda col: [None if pd.isna(x) else x for x in d[col]]
print(json.dumps({"dtypes": {c: str(t) for c, t in p.dtypes.items()}, "label": text("label"), "external_id": text("external_id")}))`,
      payments,
      labels,
    ]).toString();
    const r = JSON.parse(out);
    expect([r.dtypes.bonus, r.dtypes.payout, r.dtypes.finished]).toEqual(["float64", "float64", "bool"]);
    expect(r.label).toEqual(["007", "1e5", "-1", "NA", "null", null, "'-Ann"]);
    expect(r.external_id).toEqual(["0123", "5f00aa", "12", "nan", "n/a", null, "''x"]); // the recipe unguards the label only
  });

  it.skipIf(!hasR)("R: payments.csv's money columns are numbers; the documented recipe keeps labels and panel ids as text", () => {
    const out = execFileSync("Rscript", [
      "-e",
      `a <- commandArgs(TRUE); p <- read.csv(a[1]); d <- read.csv(a[2], colClasses=c(label="character", external_id="character"), na.strings="")
d$label <- sub("^'([-=+@'\\t\\r])", "\\\\1", d$label)
text <- function(x) ifelse(is.na(x), "<missing>", x)
cat(class(p$bonus), class(p$payout), class(p$finished), text(d$label), text(d$external_id), sep="|")`,
      payments,
      labels,
    ]).toString();
    expect(out.split("|")).toEqual(["numeric", "numeric", "logical", "007", "1e5", "-1", "NA", "null", "<missing>", "'-Ann", "0123", "5f00aa", "12", "nan", "n/a", "<missing>", "''x"]);
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
