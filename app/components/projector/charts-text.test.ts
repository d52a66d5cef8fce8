import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translate";
import { chartsEmptyKey } from "./charts-text";

const text = (locale: "en" | "de", held: "fewGroups" | "theoryAfter" | null) => translatorFor(locale)(`projector.${chartsEmptyKey(held)}`, { min: 5 });

describe("projector charts panel before the first round is scored", () => {
  it("while the theory is held back until the end, it promises only what was played (the line below says when the theory comes)", () => {
    expect(text("en", "theoryAfter")).toBe("The charts fill in as rounds are completed: what was played (mean, and the 10th–90th percentile band).");
    expect(text("en", "theoryAfter")).not.toMatch(/theory/i);
    expect(text("de", "theoryAfter")).not.toMatch(/Theorie/);
    expect(translatorFor("en")("projector.chartsTheoryAfter", { groups: 5 })).toMatch(/The theory lines appear when the session is over/);
  });

  it("with theory shown live, it says what the charts set against it; with too few groups, why they wait", () => {
    expect(text("en", null)).toMatch(/against what the mechanism’s theory predicts/);
    expect(text("de", null)).toMatch(/Theorie/);
    expect(text("en", "fewGroups")).toMatch(/^The charts appear when the session is over: with fewer than 5 groups/);
  });
});
