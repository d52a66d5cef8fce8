import { describe, expect, it } from "vitest";
import { codebookOf } from "../../core/records";
import { newSession, runBots } from "../../testing/drive";
import { ssgDefense } from ".";
import { load } from "./testing";

describe("ssg-defense records (the export's codebook)", () => {
  const cols = codebookOf(ssgDefense);

  it("keeps the column names, types and units of docs/games/ssg-defense.md", () => {
    const d = (n: string) => Array.from({ length: 4 }, (_, i) => `${n}${i + 1}`);
    expect(cols.map((c) => c.name)).toEqual([
      ...["joined", "coverage", "report_reward", "report_penalty", "report_truthful", "recommended", "followed"].map((k) => `decision_${k}`),
      ...["defender_index", "attacked_target", "attacked_target_name", "covered", "allocation", "own_coverage", "others_pooled", "others_coverage"]
        .concat(["u_expected", "u_realised", "u_nse", "u_cswmax", "points"])
        .map((k) => `outcome_${k}`),
      ...["coverage", "attacked_target", "covered", "welfare", "welfare_nse", "welfare_cswmax", ...d("u_d"), ...d("u_nse_d")]
        .concat(["mechanism_ok", "coalition", "truthful_reports", "followed", "rec_ir", "rec_ir_max_gain"])
        .map((k) => `group_${k}`),
    ]);
    const type = (name: string) => cols.find((c) => c.name === name)?.type;
    expect([type("decision_joined"), type("decision_coverage"), type("outcome_attacked_target"), type("group_u_nse_d4")]).toEqual(["boolean", "string", "number", "number"]);
    expect(cols.find((c) => c.name === "outcome_points")?.unit).toBe("points");
    for (const c of cols) expect(c.description.length, c.name).toBeGreaterThan(15);
  });

  it.each([
    ["uncoordinated", { mode: "uncoordinated" }],
    ["coordinated with a join phase", { mode: "coordinated", joinPhase: true }],
    ["recommendation with reports", { mode: "recommendation", reports: true }],
  ])("every key a %s round records is a declared column", (_label, params) => {
    const lt = load(params, { bots: { seats: ["truthful", "nse", "follower"] } });
    const end = runBots(newSession(lt, "rec").state, lt, 0);
    const names = new Set(cols.map((c) => c.name));
    for (const r of end.rounds) {
      for (const k of Object.keys(r.group)) expect(names.has(`group_${k}`), k).toBe(true);
      for (const p of r.players) {
        for (const k of Object.keys(p.record.decision)) expect(names.has(`decision_${k}`), k).toBe(true);
        for (const k of Object.keys(p.record.outcome)) expect(names.has(`outcome_${k}`), k).toBe(true);
      }
    }
  });
});
