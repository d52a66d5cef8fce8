import { describe, expect, it } from "vitest";
import type { ExternalityView } from "@/lib/games/ids-externality/views";
import { draftOf, previewMessage, readMessage } from "./preview";

const msgs = [
  { x: [1, 2, 0], pi: [1, 0, 2] },
  { x: [0, 1, 1], pi: [0.5, 1, 1] },
  { x: [2, 0, 2], pi: [2, 2, 0] },
];
const view: ExternalityView = {
  n: 3,
  me: { index: 0, alpha: 2, c: 0.5, q: 0.2, ownWeight: 1, weights: [1, 0.5, 0.25] },
  rules: { xMax: 4, piMax: 3, endowment: 10, pointsScale: 10 },
  prefill: msgs[0]!,
  previous: { round: 1, messages: msgs, x: [1, 1, 1], myTerms: { user: 0, lindahl: -1.5, disagreement: 3, redistribution: -4, tax: -2.5 }, myCost: 0, myNetCost: 0 },
  myMessage: null,
  results: null,
};

describe("Externality UI helpers", () => {
  it("previews eq. 10–11 and the own cost with the others' last messages", () => {
    const p = previewMessage(view, msgs, msgs[0]!);
    expect(p.x).toEqual([1, 1, 1]);
    // the worked example of externality.test.ts: user 0 pays −1.5 + 3 − 4
    expect(p.terms).toMatchObject({ lindahl: -1.5, disagreement: 3, redistribution: -4, tax: -2.5 });
    const risk = 2 * Math.exp(-(1 + 0.5 + 0.25));
    expect(p.risk).toBeCloseTo(risk, 12);
    expect(p.invest).toBeCloseTo(0.5 + 0.1, 12);
    expect(p.points).toBeCloseTo(10 * (10 - (risk + 0.6 - 2.5)), 12);
  });

  it("reads the form with the kit's number rules: every field in range, decimal commas accepted", () => {
    expect(readMessage(view, draftOf(msgs[0]!))).toEqual(msgs[0]);
    expect(readMessage(view, { x: ["1", "2,5", "0"], pi: ["1", "0", "2"] })).toEqual({ x: [1, 2.5, 0], pi: [1, 0, 2] });
    expect(readMessage(view, { x: ["1", "5", "0"], pi: ["1", "0", "2"] })).toBeNull(); // x above xMax = 4
    expect(readMessage(view, { x: ["1", "2", "0"], pi: ["1", "", "2"] })).toBeNull();
    expect(readMessage(view, { x: ["1", "2", "0"], pi: ["1", "3.5", "2"] })).toBeNull(); // π above piMax = 3
  });
});
