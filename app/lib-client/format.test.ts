import { afterEach, describe, expect, it } from "vitest";
import { fmt, inputText, setDisplayDecimals } from "./format";
import { draftOf } from "../games/ids-externality/preview";

describe("numbers shown to participants", () => {
  afterEach(() => setDisplayDecimals(null));

  it("a prefilled form field is rounded, never 0.6931471805599453", () => {
    expect(draftOf({ x: [Math.LN2, 1], pi: [0.1 + 0.2, 0] })).toEqual({ x: ["0.693", "1"], pi: ["0.3", "0"] });
  });

  it("the treatment's decimals cap every number on the page", () => {
    expect(fmt(Math.LN2, 3)).toBe("0.693");
    setDisplayDecimals(1);
    expect(fmt(Math.LN2, 3)).toBe("0.7");
    expect(inputText(Math.LN2)).toBe("0.7");
    expect(fmt(12.25, 0)).toBe("12");
    setDisplayDecimals(null);
    expect(fmt(Math.LN2, 2)).toBe("0.69");
  });
});
