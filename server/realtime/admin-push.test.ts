import { describe, expect, it } from "vitest";
import { adminPushDelayMs } from "./admin-push";

describe("monitor and room-screen pushes", () => {
  it("go every 200 ms up to 200 seats, then a millisecond per seat, at most every 2 s", () => {
    expect([1, 20, 200, 201, 500, 1000, 2000, 5000, 100_000].map(adminPushDelayMs)).toEqual([200, 200, 200, 201, 500, 1000, 2000, 2000, 2000]);
  });
});
