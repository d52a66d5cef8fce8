/** Reading every value of one cookie name (server/security/cookies.ts). */
import { describe, expect, it } from "vitest";
import { MAX_COOKIE_VALUES, readCookie, readCookies } from "./cookies";

describe("readCookies", () => {
  it("gives every value of the name, last first, decoded, without repeats; other names and malformed parts are skipped", () => {
    expect(readCookies("a=1; mechlab_admin=x; b; mechlab_admin=%41b; mechlab_admin=x; mechlab_admin_2=z", "mechlab_admin")).toEqual(["x", "Ab"]);
    expect(readCookies(undefined, "a")).toEqual([]);
    expect(readCookies("", "a")).toEqual([]);
    expect(readCookies("a=%E0%A4%A", "a")).toEqual(["%E0%A4%A"]); // undecodable: left as it is, as readCookie does
    expect(readCookie("a=1; a=2", "a")).toBe("1");
  });

  it("reads at most MAX_COOKIE_VALUES values of a header full of them (the last ones: browsers send ours last)", () => {
    const header = Array.from({ length: 1000 }, (_, i) => `a=v${i}`).join("; ");
    const got = readCookies(header, "a");
    expect(got).toHaveLength(MAX_COOKIE_VALUES);
    expect(got[0]).toBe("v999");
  });
});
