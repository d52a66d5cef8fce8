import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCheck } from "./check";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");

function run(args: string[]) {
  let out = "";
  let err = "";
  const code = runCheck(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe("mechlab check", () => {
  it("prints what theory predicts for an IDS treatment (Nash and social optimum per user and in total)", () => {
    const r = run([join(EXAMPLES, "ids-investment-3.json")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Social-optimum total cost: 5\.99/);
    expect(r.out).toMatch(/Nash total cost: 6\.45/);
    expect(r.out).toMatch(/Nash x\s+social optimum x\*/);
  });

  it("prints the SSG benchmarks and the CIP menu as JSON for scripts", () => {
    const ssg = JSON.parse(run([join(EXAMPLES, "ssg-defense-recommendation.json"), "--json"]).out);
    expect(ssg.ok).toBe(true);
    expect(ssg.predictions.metrics.map((m: { label: string }) => m.label)).toEqual(expect.arrayContaining(["Welfare at the NSE", "Welfare under CSW-Max"]));
    const cip = JSON.parse(run([join(EXAMPLES, "cip-contracts-menu-per-ci-4.json"), "--json"]).out);
    expect(cip.predictions.tables.map((t: { title: string }) => t.title)).toEqual(expect.arrayContaining(["Menu (offer 1)"]));
    expect(cip.predictions.metrics.find((m: { label: string }) => m.label === "Excluded now (CI)").value).toBe("1");
  });

  it("lists every validation error at once and exits 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "check-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ name: "", game: "ids-investment", groups: 0, params: { alpha: [1, -2], W: [[1, 0], [0, 1]], c: [1, 1] } }));
    const r = run([file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/3 problem\(s\)/);
    expect(r.err).toMatch(/name: /);
    expect(r.err).toMatch(/groups: /);
    expect(r.err).toMatch(/params\.alpha\[1\]/);
    const json = JSON.parse((() => { let o = ""; runCheck([file, "--json"], (s) => (o += s), () => {}); return o; })());
    expect(json.errors).toHaveLength(3);
    expect(run([]).code).toBe(2);
  });
});
