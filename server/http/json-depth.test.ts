import { describe, expect, it } from "vitest";
import { jsonDepth } from "./json-depth";

describe("jsonDepth", () => {
  it("counts nested arrays and objects", () => {
    expect(jsonDepth("1")).toBe(0);
    expect(jsonDepth("{}")).toBe(1);
    expect(jsonDepth('{"a":[1,{"b":[]}],"c":{}}')).toBe(4);
  });
  it("ignores brackets inside strings, also after escaped quotes and backslashes", () => {
    expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonDepth('["\\"[[[", "\\\\", [1]]')).toBe(2);
  });
  it("stops counting at the bound", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    expect(jsonDepth(deep, 65)).toBe(65);
    expect(jsonDepth(deep)).toBe(200_000);
  });
});
