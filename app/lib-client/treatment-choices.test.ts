import { describe, expect, it } from "vitest";
import { treatmentChoices } from "./treatment-choices";

describe("the study export's treatment picker", () => {
  it("has one entry per name and game, naming the game only where one name covers several (review A9)", () => {
    const rows = [
      { name: "Review study", gameId: "ids-investment" },
      { name: "Review study", gameId: "ssg-defense" },
      { name: "Review study", gameId: "ids-investment" },
      { name: "Another", gameId: "cip-contracts" },
    ];
    expect(treatmentChoices(rows)).toEqual([
      { key: "cip-contracts:Another", name: "Another", gameId: "cip-contracts", label: "Another" },
      { key: "ids-investment:Review study", name: "Review study", gameId: "ids-investment", label: "Review study (ids-investment)" },
      { key: "ssg-defense:Review study", name: "Review study", gameId: "ssg-defense", label: "Review study (ssg-defense)" },
    ]);
  });
});
