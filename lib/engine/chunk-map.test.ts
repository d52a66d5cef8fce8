import { describe, expect, it } from "vitest";
import { CHUNK, ChunkMap } from "./chunk-map";
import { deepFreeze } from "./draft";

interface Seat {
  id: string;
  n: number;
}

const seats = (n: number) => ChunkMap.fromEntries<Seat>(Array.from({ length: n }, (_, i): [string, Seat] => [`p${i + 1}`, { id: `p${i + 1}`, n: i }]));

describe("ChunkMap", () => {
  it("reads like a map in insertion order and writes the plain record as JSON", () => {
    const m = seats(CHUNK * 2 + 3);
    expect(m.size).toBe(CHUNK * 2 + 3);
    expect(m.get("p40")).toEqual({ id: "p40", n: 39 });
    expect(m.get("nobody")).toBeUndefined();
    expect(m.has("p1") && !m.has("toString") && m.get("constructor") === undefined).toBe(true);
    expect([...m.keys()].slice(0, 3)).toEqual(["p1", "p2", "p3"]);
    expect([...m.values()].map((v) => v.n)).toEqual(Array.from({ length: m.size }, (_, i) => i));
    expect([...m.entries()][CHUNK]).toEqual([`p${CHUNK + 1}`, { id: `p${CHUNK + 1}`, n: CHUNK }]);
    const record = Object.fromEntries([...m]);
    expect(JSON.stringify(m)).toBe(JSON.stringify(record));
    expect(ChunkMap.fromRecord(JSON.parse(JSON.stringify(m)) as Record<string, Seat>)).toEqual(m);
    expect(m.some((v) => v.n === 5) && m.every((v) => v.n >= 0) && !m.every((v) => v.n > 0)).toBe(true);
  });

  it("keeps a __proto__ key as an own entry, in and out of JSON", () => {
    const m = ChunkMap.fromRecord(JSON.parse('{"__proto__":{"id":"x","n":1},"a":{"id":"a","n":2}}') as Record<string, Seat>);
    expect(m.get("__proto__")).toEqual({ id: "x", n: 1 });
    const back = JSON.parse(JSON.stringify(m)) as Record<string, Seat>;
    expect(Object.hasOwn(back, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(m.toJSON())).toBe(Object.prototype);
  });

  it("an edit shares every chunk it does not change; the base keeps its values", () => {
    const base = seats(CHUNK * 4);
    const before = [...base.values()];
    const next = base.edit();
    next.set("p2", { id: "p2", n: -1 });
    next.set("p3", { id: "p3", n: -2 });
    next.set(`p${CHUNK * 3 + 1}`, { id: `p${CHUNK * 3 + 1}`, n: -3 });
    expect([...base.values()]).toEqual(before);
    expect(next.get("p2")!.n).toBe(-1);
    expect(next.get("p1")).toBe(base.get("p1"));
    expect(next.changedKeys(base)).toEqual(["p2", "p3", `p${CHUNK * 3 + 1}`]);
    expect(base.changedKeys(base)).toEqual([]);
    expect(next.changedKeys(null)).toHaveLength(CHUNK * 4);
  });

  it("added keys: found as changed, and the base does not see them", () => {
    const base = seats(CHUNK - 1);
    const next = base.edit();
    next.set("new1", { id: "new1", n: 100 });
    next.set("new2", { id: "new2", n: 101 });
    expect(base.size).toBe(CHUNK - 1);
    expect(base.has("new1")).toBe(false);
    expect(next.size).toBe(CHUNK + 1);
    expect([...next.keys()].slice(-2)).toEqual(["new1", "new2"]);
    expect(next.changedKeys(base)).toEqual(["new1", "new2"]);
    // a map built separately (not an earlier version) is compared key by key
    const other = ChunkMap.fromEntries([...next.entries()].reverse());
    expect(next.changedKeys(other)).toEqual([]);
  });

  it("only an edit can be changed, and a forked or frozen version never again", () => {
    const base = seats(3);
    expect(() => base.set("p1", { id: "p1", n: 9 })).toThrow(/read-only/);
    const a = base.edit();
    a.set("p1", { id: "p1", n: 9 });
    const b = a.edit();
    expect(() => a.set("p1", { id: "p1", n: 10 })).toThrow(/read-only/);
    b.set("p1", { id: "p1", n: 11 });
    expect(a.get("p1")!.n).toBe(9);
    const frozen = deepFreeze(b.edit());
    expect(() => frozen.set("p2", { id: "p2", n: 0 })).toThrow();
    expect(() => {
      frozen.get("p2")!.n = 5;
    }).toThrow();
  });
});
