/** survey.csv's survey_status: a treatment without an exit survey says no_survey, never not_reached. */
import { describe, expect, it } from "vitest";
import { SURVEY_BASE_COLUMNS, surveyRow } from "./survey";

const seat = { id: "p1", seat: 0, label: null, stage: "done" };
const row = (p: Partial<Parameters<typeof surveyRow>[1]>, hasSurvey: boolean) => surveyRow({ session: "s", treatment: "t" }, { ...seat, ...p }, hasSurvey).survey_status;

describe("survey_status", () => {
  it("no_survey when the treatment has no exit survey; not_reached only when it has one", () => {
    expect(row({}, false)).toBe("no_survey");
    expect(row({ stage: "playing" }, false)).toBe("no_survey");
    expect(row({}, true)).toBe("not_reached");
    expect(row({ stage: "survey" }, true)).toBe("answering");
    expect(row({ survey: { status: "answered", answers: {}, atMs: 1 } }, true)).toBe("answered");
  });

  it("the codebook explains no_survey", () => {
    expect(SURVEY_BASE_COLUMNS.find((c) => c.name === "survey_status")!.description).toMatch(/no_survey \(the session's treatment has no exit survey\)/);
  });
});
