/**
 * Sessions at the parameter caps (6 types, 8 CIs) run to their end with bots in every variant.
 * The time per command at the caps is a benchmark (`npm run bench -- cip-caps`), not a unit test.
 */
import { describe, expect, it } from "vitest";
import { N, capVariants, capsTreatment, slowest } from "./caps";

describe("sessions at the caps", () => {
  it.each(capVariants)("%s: runs to its end with bots", (_name, over) => {
    const { commands } = slowest(capsTreatment(over), "caps");
    expect(commands).toBeGreaterThan(4 * N);
  });
});
