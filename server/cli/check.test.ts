import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

function tempFile(name: string, content: string) {
  const file = join(mkdtempSync(join(tmpdir(), "check-")), name);
  writeFileSync(file, content);
  return file;
}

describe("mechlab check", () => {
  it("prints what theory predicts for an IDS treatment, readable: Nash and social optimum per user and in total, rounded", () => {
    const r = run([join(EXAMPLES, "ids-investment-3.json")]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/^ids-investment: 3 seats \(1 group\(s\) of 3\), 2 round\(s\)\n/);
    expect(r.out).toContain("== Nash equilibrium (no mechanism) and social optimum ==");
    expect(r.out).toMatch(/Social-optimum total cost Σ g_i\(x\*\): 5\.9936\n/);
    expect(r.out).toMatch(/Nash total cost Σ g_i: 6\.4539\n/);
    expect(r.out).toMatch(/user {2}Nash x_i {2}Nash cost g_i {2}social optimum x\*_i {2}cost g_i\(x\*\)/);
  });

  it("SSG: CSW-Max-NSE and dictatorship next to the NSE and CSW-Max, and the warning that the instance cannot tell them apart", () => {
    const r = run([join(EXAMPLES, "ssg-defense-recommendation.json")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Warnings:\n {2}! CSW-Max, CSW-Max-NSE and Dictatorship \(defender 1\) give the same outcome here/);
    expect(r.out).toMatch(/CSW-Max-NSE {2,}\d/);
    expect(r.out).toMatch(/Dictatorship \(defender 1\) {2,}\d/);
    const json = JSON.parse(run([join(EXAMPLES, "ssg-defense-recommendation.json"), "--json"]).out);
    expect(json.ok).toBe(true);
    const s = json.sections.find((x: { id: string }) => x.id === "ssg-mechanisms");
    const outcomes = s.tables.find((t: { title: string }) => t.title === "Outcomes");
    expect(outcomes.columns.slice(0, 3)).toEqual(["mechanism", "welfare", "attacked target"]);
    expect(outcomes.rows.map((r: unknown[]) => r[0])).toEqual(["NSE (no coordination)", "CSW-Max ← this treatment", "CSW-Max-NSE", "Dictatorship (defender 1)"]);
    expect(json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/cannot tell them apart/)]));
  });

  it("CIP as JSON for scripts: the menu with ULIC binding, who Algorithm 1 excludes, the equal split", () => {
    const r = run([join(EXAMPLES, "cip-contracts-menu-per-ci-4.json"), "--json"]);
    expect(r.code).toBe(0);
    const cip = JSON.parse(r.out);
    expect(cip.sections.map((s: { id: string }) => s.id)).toEqual(["cip-menu", "cip-algorithm1", "cip-equal-split", "survey-payment"]);
    const menu = cip.sections[0].tables.find((t: { title: string }) => t.title === "Menu");
    expect(menu.columns.at(-1)).toBe("ULIC binds");
    expect(cip.sections[1].metrics.find((m: { label: string }) => m.label === "Excluded (CI)").value).toBe("1");
    expect(run([join(EXAMPLES, "cip-contracts-menu-per-ci-4.json")]).out).toMatch(/ULIC binds for: type 1 \(↔ contract 2\)/);
    expect(cip.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^The projector shows a leaderboard of total points.*"show": false/)]));
  });

  it("ends with the exit survey, language and payment to confirm, readable and as JSON", () => {
    const file = join(EXAMPLES, "ids-investment-classroom.json");
    const r = run([file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("== Intro, exit survey, language and payment (confirm before opening) ==");
    expect(r.out).toMatch(/Exit survey questions: 4 {2}\(3 required\)\n/);
    expect(r.out).toMatch(/Language of platform texts: en \(English\)/);
    expect(r.out).toMatch(/Completion URL: not set/);
    expect(r.out).toMatch(/\n {4}id {13}kind {4}required {2}answers\n/);
    expect(r.out).toMatch(/\n {4}others_matter {2}likert {2}yes {7}7 points: 1 = Strongly disagree … 7 = Strongly agree\n/);
    expect(r.out).toMatch(/\n {4}comments {7}text {4}no {8}free text, at most 1000 characters, several lines\n/);
    const json = JSON.parse(run([file, "--json"]).out);
    const s = json.sections.find((x: { id: string }) => x.id === "survey-payment");
    expect(s.tables[0].rows.map((row: unknown[]) => row.slice(0, 3))).toEqual([
      ["strategy", "choice", "yes"],
      ["others_matter", "likert", "yes"],
      ["econ_courses", "number", "yes"],
      ["comments", "text", "no"],
    ]);
    expect(s.metrics.find((m: { label: string }) => m.label === "Rounds a bot played for a person are paid").value).toBe("yes");
  });

  it("lists every validation error at once and exits 2 (readable on stderr, JSON on stdout)", () => {
    const file = tempFile("bad.json", JSON.stringify({ name: "", game: "ids-investment", groups: 0, params: { alpha: [1, 2, 3], W: [[1, 0], [0, 1]], c: [1, 1, 1], rounds: 0 } }));
    const r = run([file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/6 problem\(s\)/);
    for (const field of ["name", "groups", "params.rounds", "params.W", "params.W[0]", "params.W[1]"]) expect(r.err).toContain(`  - ${field}: `);
    const json = run([file, "--json"]);
    expect(json.code).toBe(2);
    const body = JSON.parse(json.out);
    expect(body.ok).toBe(false);
    expect(body.errors).toHaveLength(6);
  });

  it("exits 2 on bad arguments, an unreadable file and text that is not JSON", () => {
    expect(run([]).code).toBe(2);
    expect(run(["a.json", "b.json"]).code).toBe(2);
    const opt = run([join(EXAMPLES, "ids-investment-3.json"), "--yaml"]);
    expect(opt.code).toBe(2);
    expect(opt.err).toMatch(/unknown option --yaml/);
    const missing = run([join(tmpdir(), "no-such-treatment.json")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read/);
    const text = run([tempFile("t.json", "{ not json")]);
    expect(text.code).toBe(2);
    expect(text.err).toMatch(/not valid JSON/);
  });

  it("broken or odd files get a message that says where and what to do, never a stack trace", () => {
    const problem = (content: string | Buffer, name = "t.json") => {
      const file = join(mkdtempSync(join(tmpdir(), "check-")), name);
      writeFileSync(file, content);
      const r = run([file]);
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack frames
      return r.err;
    };
    expect(problem('{\n  "name": "x",\n  "game" "ids-investment"\n}')).toMatch(/not valid JSON at line 3, column 10: .*Look for a missing comma, quote or bracket/);
    expect(problem("")).toMatch(/The treatment is empty: write one JSON object/);
    expect(problem(Buffer.from([0x00, 0xff, 0xfe, 0x7b]))).toMatch(/not JSON text \(it holds binary data, or text that is not UTF-8\)/);
    expect(problem("[1, 2]")).toMatch(/A treatment is one JSON object \{ "name": …, "game": …, "params": … \}; this is a list/);
    expect(problem("null")).toMatch(/; this is null/);
    // a byte order mark (Windows editors) is not an error: the treatment's own problems are reported
    const bom = readFileSync(join(EXAMPLES, "ids-investment-3.json"), "utf8");
    expect(run([tempFile("bom.json", "\uFEFF" + bom)]).code).toBe(0);
    const proto = problem(JSON.stringify({ name: "x", game: "constructor", params: {}, panel: { param: "toString" }, completionUrl: "javascript:alert(1)" }));
    expect(proto).toMatch(/game: unknown game "constructor"; use one of ids-investment/);
    const folder = run([tmpdir()]);
    expect(folder.err).toMatch(/this is a folder; give the treatment's .json file/);
    expect(run([join(tmpdir(), "no-such-treatment.json")]).err).toMatch(/there is no such file; check the path/);
  });

  it("a panel parameter name that cannot work and a completion link that is not a web address are refused, with what to use", () => {
    const base = JSON.parse(readFileSync(join(EXAMPLES, "ids-investment-3.json"), "utf8"));
    const errors = (over: Record<string, unknown>) => JSON.parse(run([tempFile("t.json", JSON.stringify({ ...base, ...over })), "--json"]).out).errors as string[];
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) expect(errors({ panel: { param: name } })).toEqual([`panel.param: "${name}" is a reserved name: choose another, e.g. "id"`]);
    expect(errors({ panel: { param: "code" } })[0]).toMatch(/"code" is the join link's room code/);
    expect(errors({ panel: { param: "PROLIFIC_PID" } })[0]).toMatch(/prolific's own parameter, read already/);
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "app.prolific.com/x?cc={code}"])
      expect(errors({ completionUrl: url })).toEqual(["completionUrl: give a full web address starting with https:// (or http://)"]);
    expect(run([tempFile("t.json", JSON.stringify({ ...base, completionUrl: "https://app.prolific.com/submissions/complete?cc={code}" }))]).code).toBe(0);
  });

  it("works from any working directory (a treatment file elsewhere, the command run from there)", () => {
    const dir = mkdtempSync(join(tmpdir(), "check-cwd-"));
    writeFileSync(join(dir, "mine.json"), readFileSync(join(EXAMPLES, "ids-investment-3.json")));
    const bin = join(import.meta.dirname, "../../bin/mechlab.mjs");
    const r = spawnSync(process.execPath, [bin, "check", "mine.json"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("== Nash equilibrium (no mechanism) and social optimum ==");
  });
});

