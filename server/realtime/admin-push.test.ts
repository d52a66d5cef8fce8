import { describe, expect, it } from "vitest";
import { adminPushDelayMs } from "./admin-push";

describe("monitor and room-screen pushes", () => {
  it("go twice a second up to 500 seats, then a millisecond per seat, at most every 2 s", () => {
    expect([1, 20, 200, 500, 501, 1000, 2000, 5000, 100_000].map(adminPushDelayMs)).toEqual([500, 500, 500, 500, 501, 1000, 2000, 2000, 2000]);
  });
});
