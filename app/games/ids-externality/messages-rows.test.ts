import { describe, expect, it } from "vitest";
import { messagesRows } from "./messages-rows";

const msgs = [
  { x: [1, 2, 0, 0.5], pi: [1, 0, 2, 0.25] },
  { x: [0, 1, 1, 1.5], pi: [0.5, 1, 1, 0.75] },
  { x: [2, 0, 2, 2.5], pi: [2, 2, 0, 1.25] },
  { x: [3, 3, 3, 3.5], pi: [3, 3, 3, 3.25] },
];
const xHat = [1.5, 1.5, 1.5, 2];

describe("Externality messages table (4 users): transposed for a phone", () => {
  const rows = messagesRows(msgs, xHat, 2);

  it("has one number per user in every line (N + 1 columns instead of 2N + 1): the prices are a row, not columns behind a scroll", () => {
    for (const r of rows) if ("values" in r) expect(r.values).toHaveLength(4);
  });

  it("gives every sender a heading (the viewer's marked) with its investments x and prices π under it, then x̂", () => {
    expect(rows.map((r) => r.kind)).toEqual(["sender", "x", "pi", "sender", "x", "pi", "sender", "x", "pi", "sender", "x", "pi", "averageHeading", "average"]);
    expect(rows.filter((r) => r.kind === "sender")).toEqual([0, 1, 2, 3].map((user) => ({ kind: "sender", user, you: user === 2 })));
    msgs.forEach((m, i) => {
      expect(rows[3 * i + 1]).toEqual({ kind: "x", values: m.x });
      expect(rows[3 * i + 2]).toEqual({ kind: "pi", values: m.pi });
    });
    expect(rows.at(-1)).toEqual({ kind: "average", values: xHat });
  });
});
