import { describe, expect, it } from "vitest";
import { panelIdFromQuery, panelParamProblem } from "./panel";

describe("panel ids in a join link", () => {
  it("reads Prolific, MTurk and a treatment's own parameter", () => {
    expect(panelIdFromQuery({ PROLIFIC_PID: "5f1a2b3c4d5e6f7a8b9c0d1e", STUDY_ID: "st", SESSION_ID: "se" })).toEqual({
      kind: "id",
      external: { source: "prolific", id: "5f1a2b3c4d5e6f7a8b9c0d1e", extra: { STUDY_ID: "st", SESSION_ID: "se" } },
    });
    expect(panelIdFromQuery({ workerId: "A1B2C3", assignmentId: "as1", hitId: "h1" })).toEqual({
      kind: "id",
      external: { source: "mturk", id: "A1B2C3", extra: { assignmentId: "as1", hitId: "h1" } },
    });
    expect(panelIdFromQuery({ id: "12345" })).toEqual({ kind: "none" });
    expect(panelIdFromQuery({ id: "12345" }, "id")).toEqual({ kind: "id", external: { source: "id", id: "12345", extra: {} } });
  });

  it("says so when the panel did not fill in the placeholder", () => {
    const r = panelIdFromQuery({ PROLIFIC_PID: "{{%PROLIFIC_PID%}}" });
    expect(r.kind).toBe("invalid");
    if (r.kind === "invalid") expect(r.message).toMatch(/did not fill in your id/);
    expect(panelIdFromQuery({ workerId: "a b<c>" }).kind).toBe("invalid");
  });

  it("a panel's link that lost the participant id is refused with what to do, not sent to the label form (review A8)", () => {
    for (const [query, param] of <[Record<string, string>, string][]>[
      [{ STUDY_ID: "st", SESSION_ID: "se" }, "PROLIFIC_PID"],
      [{ SESSION_ID: "se" }, "PROLIFIC_PID"],
      [{ assignmentId: "A1", hitId: "H1" }, "workerId"],
    ]) {
      const r = panelIdFromQuery(query);
      expect(r.kind, JSON.stringify(query)).toBe("invalid");
      if (r.kind === "invalid") expect(r.message).toBe(`This link comes from a study panel but carries no ${param}, your participant id, so you could not be matched to your submission and paid. Please tell the researcher through the panel, or open the study link again from the panel's study page.`);
    }
    // a treatment's own parameter (SONA's id) alongside is read; no panel parameter at all is the label form
    expect(panelIdFromQuery({ id: "12", STUDY_ID: "st" }, "id").kind).toBe("id");
    expect(panelIdFromQuery({ utm_source: "mail" })).toEqual({ kind: "none" });
  });

  it("MTurk's preview of a HIT (no worker id yet) is refused with what to do", () => {
    const r = panelIdFromQuery({ assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE", hitId: "h1" });
    expect(r.kind).toBe("invalid");
    if (r.kind === "invalid") expect(r.message).toBe("This is the preview of the HIT. Please accept the HIT on MTurk first; the study starts here after that.");
    expect(panelIdFromQuery({ assignmentId: "as1", hitId: "h1", workerId: "A1" }).kind).toBe("id");
  });

  it("never reads a value the query does not carry itself (names every object has)", () => {
    const query = JSON.parse('{"__proto__": "x", "other": "A1"}') as Record<string, string>;
    expect(panelIdFromQuery({}, "constructor")).toEqual({ kind: "none" });
    expect(panelIdFromQuery({}, "toString")).toEqual({ kind: "none" });
    expect(panelIdFromQuery(query, "__proto__")).toEqual({ kind: "id", external: { source: "__proto__", id: "x", extra: {} } });
    expect(panelIdFromQuery({ constructor: "77" } as Record<string, string>, "constructor").kind).toBe("id");
  });

  it("the treatment's own parameter name: the room code, a known panel's names and names every object has are refused with what to use", () => {
    expect(panelParamProblem("id")).toBeNull();
    expect(panelParamProblem("sona_id")).toBeNull();
    expect(panelParamProblem("code")).toMatch(/room code: choose another name/);
    expect(panelParamProblem("workerId")).toMatch(/mturk's own parameter/);
    expect(panelParamProblem("STUDY_ID")).toMatch(/prolific's own parameter/);
    for (const n of ["__proto__", "constructor", "valueOf", "hasOwnProperty"]) expect(panelParamProblem(n)).toMatch(/reserved name/);
  });
});
