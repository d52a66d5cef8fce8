import { describe, expect, it } from "vitest";
import { pathParam } from "./path-param";

describe("pathParam (the token of /p/<token>, the id of /admin/sessions/<id>)", () => {
  it("decodes a well-formed segment", () => {
    expect(pathParam("abc_DEF-123")).toBe("abc_DEF-123");
    expect(pathParam("a%20b")).toBe("a b");
  });

  it("keeps a segment with a malformed %-escape as it came instead of throwing (was a 500)", () => {
    for (const bad of ["%E0%A4%A", "%", "abc%zz", "%C0%80x"]) expect(pathParam(bad)).toBe(bad);
    // a link token is base64url: one with a "%" is refused like any unknown token ("This link is not valid")
    expect(pathParam("%E0%A4%A")).not.toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
