/** The launch check of IDS mechanism treatments: the paper's examples, this treatment's N and cost spread marked. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTreatment } from "../engine";
import { games } from "../games/registry";
import { idsPaperFigures } from "./ids";
import { costSpread } from "./ids-launch";
import { launchFigures } from "./launch";

const load = (file: string) => {
  const lt = loadTreatment(readFileSync(new URL(`../../examples/treatments/${file}`, import.meta.url), "utf8"), games);
  if (!lt.ok) throw new Error(lt.errors.join("; "));
  return lt.value;
};

describe("IDS launch figures", () => {
  it.each(["ids-pivotal-full-4.json", "ids-externality-4.json"])("%s: the four example figures, N and the cost spread marked", (file) => {
    const lt = load(file);
    const c = (lt.params as { c: number[] }).c;
    const figs = launchFigures(lt);
    const paper = idsPaperFigures();
    expect(figs.map((f) => f.id)).toEqual(paper.map((f) => f.id));
    figs.forEach((f, i) => expect(f.rows).toEqual(paper[i]!.rows)); // the examples themselves, not the treatment
    for (const f of figs.filter((x) => x.x.field === "users")) {
      expect(f.marker).toEqual({ x: c.length, label: `this treatment: N = ${c.length}` });
      expect(f.rows.filter((r) => r.users === c.length)).toHaveLength(1);
    }
    const d = (Math.max(...c) - Math.min(...c)) / Math.min(...c);
    for (const f of figs.filter((x) => x.x.field === "cost_spread")) expect(f.marker!.x).toBeCloseTo(d, 5);
  });

  it("no marker outside the figure's range; the unregulated game has no launch figures", () => {
    expect(costSpread([1, 1, 1])).toBe(0);
    expect(costSpread([0, 1])).toBeNull();
    const lt = load("ids-pivotal-full-4.json");
    const flat = launchFigures({ ...lt, params: { ...(lt.params as object), c: [1, 1, 1, 1] } });
    expect(flat.filter((f) => f.x.field === "cost_spread").every((f) => f.marker === undefined)).toBe(true);
    expect(launchFigures(load("ids-investment-3.json"))).toEqual([]);
  });
});
