import { describe, expect, it } from "vitest";
import { groupsOf, withGroups } from "./treatment-groups";

describe("the New Session form's number of groups", () => {
  it("reads groups (1 when unset) and nothing from text that is not a JSON object", () => {
    expect(groupsOf('{"game":"x","groups":5}')).toBe(5);
    expect(groupsOf('{"game":"x"}')).toBe(1);
    expect(groupsOf("{not json")).toBeNull();
    expect(groupsOf("[1,2]")).toBeNull();
    expect(groupsOf("")).toBeNull();
  });

  it("sets groups and keeps every other field", () => {
    const out = withGroups('{"game":"x","groups":5,"params":{"rounds":3}}', 12)!;
    expect(JSON.parse(out)).toEqual({ game: "x", groups: 12, params: { rounds: 3 } });
    expect(withGroups('{"game":"x"}', 0)).toBeNull();
    expect(withGroups('{"game":"x"}', 2.5)).toBeNull();
    expect(withGroups("{broken", 3)).toBeNull();
  });
});
