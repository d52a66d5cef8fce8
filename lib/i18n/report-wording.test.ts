/** The ids-pivotal report refusals read as English sentences ("an extra cost", not "a extra cost"). */
import { describe, expect, it } from "vitest";
import { englishRefusal } from "./refusal";

describe("report range wording", () => {
  it("uses the right article for each reported value", () => {
    expect(englishRefusal("reportRange", { field: "q", min: 0.05, max: 0.2 })).toBe("Report an extra cost q between 0.05 and 0.2.");
    expect(englishRefusal("reportRange", { field: "alpha", min: 5, max: 20 })).toBe("Report a possible loss α between 5 and 20.");
    expect(englishRefusal("reportRange", { field: "c", min: 0.75, max: 3 })).toBe("Report a cost per unit c between 0.75 and 3.");
  });
});
