import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rememberSeat, rememberedSeat } from "./seat-memory";

/** The browser's localStorage, as far as seat memory uses it. */
function fakeStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

let storage: ReturnType<typeof fakeStorage>;
beforeEach(() => {
  storage = fakeStorage();
  (globalThis as { window?: unknown }).window = { localStorage: storage };
});
afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe("the browser's memory of the seats it joined", () => {
  it("finds the seat whatever spaces, dashes or letter case the room code was typed with (review A1)", () => {
    rememberSeat("A2DU 2UMR", "tok-1");
    for (const typed of ["A2DU2UMR", "a2du-2umr", " A2DU - 2UMR ", "a2du2umr"]) expect(rememberedSeat(typed), typed).toBe("tok-1");
    expect(rememberedSeat("A2DU2UMS")).toBeUndefined();
  });

  it("still finds a link stored before, under the code as it was typed", () => {
    storage.setItem("mechlab:seat:A2DU 2UMR", "old-token");
    expect(rememberedSeat("a2du 2umr")).toBe("old-token");
  });

  it("without storage (private mode) it remembers nothing and does not fail", () => {
    (globalThis as { window?: unknown }).window = {
      localStorage: {
        getItem: () => {
          throw new Error("blocked");
        },
        setItem: () => {
          throw new Error("blocked");
        },
      },
    };
    expect(() => rememberSeat("ABCD", "t")).not.toThrow();
    expect(rememberedSeat("ABCD")).toBeUndefined();
  });
});
