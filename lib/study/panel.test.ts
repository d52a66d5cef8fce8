import { describe, expect, it } from "vitest";
import { panelIdFromQuery } from "./panel";

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
});
