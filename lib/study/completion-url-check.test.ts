import { describe, expect, it } from "vitest";
import { completionUrlWarning, studyCompletionCodes } from "./completion-url-check";

describe("a completion link that would send mechlab's code to Prolific", () => {
  it("warns for {code} in a Prolific link, in any of its host names", () => {
    for (const url of ["https://app.prolific.com/submissions/complete?cc={code}", "https://app.prolific.co/submissions/complete?cc={code}", "https://PROLIFIC.com/x?cc={code}"])
      expect(completionUrlWarning(url), url).toMatch(/only recognises the completion code of your study/);
  });

  it("says nothing for the study's own code, other panels, or no link", () => {
    for (const url of ["https://app.prolific.com/submissions/complete?cc=C1A2B3C4", "https://survey.example.org/end?code={code}", "https://notprolific.com/?cc={code}", undefined])
      expect(completionUrlWarning(url), String(url)).toBeNull();
  });
});

describe("the study-wide completion code of a completion link", () => {
  it("reads Prolific's cc (and code) values, never mechlab's per-seat {code}", () => {
    expect(studyCompletionCodes("https://app.prolific.com/submissions/complete?cc=c1a2b3c4")).toEqual(["C1A2B3C4"]);
    expect(studyCompletionCodes("https://survey.example.org/end?code=ABC123&x=1")).toEqual(["ABC123"]);
    expect(studyCompletionCodes("https://survey.example.org/end?code=abc-12_3")).toEqual(["ABC123"]); // as pasted codes are read
    expect(studyCompletionCodes("https://app.prolific.com/submissions/complete?cc={code}")).toEqual([]);
    expect(studyCompletionCodes("not a url")).toEqual([]);
    expect(studyCompletionCodes(undefined)).toEqual([]);
  });
});
