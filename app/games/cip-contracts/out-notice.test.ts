import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translate";
import { outNoticeKey } from "./out-notice";

const text = (locale: "en" | "de", outTimedOut: boolean, endedBy: "timeout" | "experimenter" | null) =>
  translatorFor(locale)(`cip.${outNoticeKey({ outTimedOut }, { endedBy })}`, { endowment: "100" });

describe("CIP waiting screen of a CI that is out (testid cip-out)", () => {
  it("a rejection the person chose: 'You rejected an offer'", () => {
    expect(outNoticeKey({ outTimedOut: false }, { endedBy: null })).toBe("out");
    expect(text("en", false, null)).toBe("You rejected an offer, so you are out for this round (no contract, 100 points).");
  });

  it("a timed-out answer is worded like the results page: time ran out, which counts as rejecting", () => {
    expect(outNoticeKey({ outTimedOut: true }, { endedBy: "timeout" })).toBe("outTimedOut");
    expect(text("en", true, "timeout")).toBe("Time ran out before you answered, which counts as rejecting, so you are out for this round (no contract, 100 points).");
    expect(text("en", true, "timeout")).toContain(translatorFor("en")("cip.timedOut").split(":")[0]!);
    expect(text("de", true, "timeout")).toMatch(/^Die Zeit ist abgelaufen, bevor Sie geantwortet haben; das zählt als Ablehnung/);
  });

  it("the experimenter ended the step first: says so, as the results page does", () => {
    expect(outNoticeKey({ outTimedOut: true }, { endedBy: "experimenter" })).toBe("outEndedByExperimenter");
    expect(text("en", true, "experimenter")).toMatch(/^The experimenter ended this step before you answered, which counts as rejecting/);
    expect(text("de", true, "experimenter")).toMatch(/^Die Versuchsleitung hat diesen Schritt beendet/);
  });
});
