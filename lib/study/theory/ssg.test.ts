/**
 * Wording of the SSG launch check (findings A1): a verdict carries its own reason, and the property's
 * definition is marked as such, so that a "no" followed by the definition cannot read as its reason.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment, type LoadedTreatment } from "../../engine";
import { games } from "../../games/registry";
import { irVerdict } from "../../games/ssg-defense/ir-check";
import { instanceOf, type SsgParams } from "../../games/ssg-defense/params";
import { launchCheck, launchCheckText } from "../launch-check";
import { theorem43Verdict } from "./ssg";

const EXAMPLES = join(import.meta.dirname, "../../../examples/treatments");
const raw = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as { params: Record<string, unknown> } & Record<string, unknown>;
function load(t: unknown): LoadedTreatment {
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("\n"));
  return lt.value;
}
const line = (text: string, label: string) => text.split("\n").find((l) => l.includes(label)) ?? "";

/** The shipped instance with non-overlapping defenders (Definition 3.1, the map g of §3.2); its NSE covers every target in (0, 1). */
function nonOverlapping(mode: "coordinated" | "recommendation") {
  const t = raw("ssg-defense-uncoordinated-3.json");
  t.params = {
    ...t.params,
    mode,
    mechanism: mode === "coordinated" ? "cswMaxNse" : "cswMax",
    defenders: [
      { resources: 1, reward: [3.5, 2.5, 1.5, 0.5], penalty: [3, 2, 1, 0] },
      { resources: 1, reward: [0.5, 3.5, 2.5, 1.5], penalty: [0, 3, 2, 1] },
      { resources: 1, reward: [1.5, 0.5, 3.5, 2.5], penalty: [1, 0, 3, 2] },
    ],
  };
  return load(t);
}

describe("SSG launch check wording (A1)", () => {
  it("Theorem 4.3, no: names the defenders whose payoffs overlap, not the definition, and marks the conditions as such", () => {
    const text = launchCheckText(launchCheck(load(raw("ssg-defense-recommendation.json"))));
    const l = line(text, "CSW-Max-NSE strategy-proof here (Theorem 4.3)");
    expect(l).toMatch(/: no: overlapping payoffs for defender 1 \(Harbour and Oil rig\), defender 2 \(Harbour and Oil rig\) and defender 3 \(Harbour and Oil rig\) {2}\(the theorem needs: /);
    expect(l).not.toMatch(/no {2}\(every defender has non-overlapping payoffs/);
  });

  it("Theorem 4.3, yes: says why it applies", () => {
    const text = launchCheckText(launchCheck(nonOverlapping("coordinated")));
    expect(line(text, "CSW-Max-NSE strategy-proof here (Theorem 4.3)")).toMatch(
      /: yes: every defender's payoffs are non-overlapping and the NSE covers every target with a probability strictly between 0 and 1 {2}\(the theorem needs: /,
    );
  });

  it("Theorem 4.3, no because of the NSE coverage: names the targets covered not at all or fully", () => {
    const lt = nonOverlapping("coordinated");
    const g = instanceOf(lt.params as SsgParams);
    const v = theorem43Verdict(false, g, [0.5, 0, 1, 0.25], ["A", "B", "C", "D"]);
    expect(v.value).toBe("no: the NSE leaves B uncovered; the NSE covers C fully");
    expect(v.hint).toMatch(/^the theorem needs: /);
  });

  it("recommendation IR, no: the gainers in the verdict (plural agreement), the definition marked 'IR means'", () => {
    const text = launchCheckText(launchCheck(load(raw("ssg-defense-recommendation.json"))));
    expect(line(text, "Recommendation individually rational (§5)")).toMatch(
      /: no: defenders 2 and 3 gain up to 0\.3489 by changing their recommended allocation {2}\(IR means: on the true payoffs, no defender gains/,
    );
    expect(irVerdict({ ir: false, maxGain: 0.25, gainers: [1] }, (x) => x).value).toBe("no: defender 1 gains up to 0.25 by changing her recommended allocation");
  });

  it("recommendation IR, yes: says that nobody gains", () => {
    const text = launchCheckText(launchCheck(nonOverlapping("recommendation")));
    expect(line(text, "Recommendation individually rational (§5)")).toMatch(/: yes: no defender gains by changing her recommended allocation {2}\(IR means: /);
  });
});
