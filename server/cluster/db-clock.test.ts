import { describe, expect, it } from "vitest";
import { DatabaseClock, measureOffset, REPORT_OFFSET_MS } from "./db-clock";

/** A local clock that advances by each reading's round trip, and a database `offsetMs` ahead of it. */
function fakeClocks(offsetMs: () => number, roundTrips: number[]) {
  let local = 1_000_000;
  let k = 0;
  const localNow = () => local;
  const read = async () => {
    const rt = roundTrips[k++ % roundTrips.length]!;
    local += rt / 2;
    const db = local + offsetMs();
    local += rt / 2;
    return db;
  };
  return { localNow, read, advance: (ms: number) => (local += ms) };
}

describe("the database's clock", () => {
  it("takes the offset from the reading with the shortest round trip", async () => {
    // an asymmetric slow reading would be off by up to half its round trip; the fast one is exact here
    let calls = 0;
    let local = 0;
    const read = async () => {
      calls++;
      const slow = calls !== 3;
      local += slow ? 90 : 1; // the request's way out
      const db = local + 5_000;
      local += slow ? 10 : 1; // the answer's way back
      return db;
    };
    const m = await measureOffset(read, () => local);
    expect(calls).toBe(5);
    expect(m.roundTripMs).toBe(2);
    expect(m.offsetMs).toBe(5_000);
  });

  it("reads this machine's time plus the offset, and says when the clocks are more than a second apart", async () => {
    const lines: string[] = [];
    let offset = -40_000; // this machine is 40 s ahead
    const c = fakeClocks(() => offset, [4]);
    const clock = await DatabaseClock.start(c.read, (l) => lines.push(l), c.localNow, 0);
    expect(clock.offset).toBe(-40_000);
    expect(clock.now()).toBe(c.localNow() - 40_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/40\.0 s ahead of the database's/);
    expect(lines[0]).toMatch(/NTP/);

    await clock.measure(); // the same: said once
    expect(lines).toHaveLength(1);
    offset = -40_010; // within the noise of a reading: the offset in use stays
    await clock.measure();
    expect(clock.offset).toBe(-40_000);
    offset = 2_500; // now behind
    await clock.measure();
    expect(clock.offset).toBe(2_500);
    expect(clock.now()).toBe(c.localNow() + 2_500);
    offset = 300;
    await clock.measure();
    expect(lines.at(-1)).toMatch(/within 1 s of the database's again/);
    expect(lines).toHaveLength(2);
  });

  it("keeps whole milliseconds (deadlines and stored times stay integers)", async () => {
    let local = 1_000_000;
    const read = async () => {
      local += 0.5; // a reading in the middle of a 1 ms round trip
      const db = local + 1234.37;
      local += 0.5;
      return db;
    };
    const clock = await DatabaseClock.start(read, () => undefined, () => local, 0);
    expect(clock.offset).toBe(1234);
    expect(Number.isInteger(clock.now())).toBe(true);
  });

  it("says nothing when the clocks agree to within a second", async () => {
    const lines: string[] = [];
    const c = fakeClocks(() => REPORT_OFFSET_MS - 1, [2, 6]);
    const clock = await DatabaseClock.start(c.read, (l) => lines.push(l), c.localNow, 0);
    expect(clock.offset).toBe(REPORT_OFFSET_MS - 1);
    expect(lines).toEqual([]);
  });

  it("refuses to start when the database's clock cannot be read or gives no number", async () => {
    await expect(DatabaseClock.start(async () => Promise.reject(new Error("connection refused")), () => undefined, Date.now, 0)).rejects.toThrow("connection refused");
    await expect(DatabaseClock.start(async () => Number("x"), () => undefined, Date.now, 0)).rejects.toThrow(/clock gave NaN/);
  });
});
