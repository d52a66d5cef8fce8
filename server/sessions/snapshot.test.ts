import { describe, expect, it } from "vitest";
import { games } from "../../lib/games/registry";
import { loadTreatment } from "../../lib/engine";
import { botMoves } from "../../lib/engine/bots";
import { must, newSession, runBots } from "../../lib/testing/drive";
import { affectedParticipants, assembleState, changedParts, partsStored, topChanged, topJson, type SnapshotPartRow } from "./snapshot";

const load = (bots: string[]) => {
  const r = loadTreatment(
    { name: "t", game: "ids-investment", groups: 2, params: { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 2 }, bots: { seats: bots } },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join());
  return r.value;
};
const lt = load(["random", "random"]);

describe("session snapshot", () => {
  it("stores only changed parts, and the parts rebuild exactly the state", () => {
    const lt = load(["random", "random", "zero", "myopic"]);
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    // a little "database": top-level JSON + parts keyed by kind/key, updated the way the store does
    const db = new Map<string, SnapshotPartRow>();
    let top = "";
    let version = 0; // the Session row's version column
    let topWrites = 0;
    const write = (persisted: Parameters<typeof changedParts>[0], next: Parameters<typeof changedParts>[1]) => {
      const parts = changedParts(persisted, next);
      for (const p of parts) db.set(`${p.kind}/${p.key}`, p);
      partsStored(next, parts); // as the store does once the transaction committed
      // as the store does: the top-level JSON only when more than the version changed
      if (!persisted || topChanged(persisted, next)) {
        top = topJson(next);
        topWrites++;
      }
      version = next.version;
      return parts;
    };
    let s = newSession(lt, "snap").state;
    // every seat's row and its (empty) history's row, and every group's
    expect(write(null, s)).toHaveLength(4 + 4 + s.groups.size);
    const back = assembleState(top, [...db.values()]);
    expect(plain(back)).toEqual(plain(s));
    // participants come back as the same map: same entries in the same order
    expect(back.participants).toEqual(s.participants);
    let step = 0;
    while (s.status !== "ended") {
      const move = botMoves(s, lt, step * 100)[0];
      if (!move) throw new Error("no bot move");
      const next = must(s, lt, { kind: "action", pid: move.pid, clientActionId: move.clientActionId, action: move.action, byBot: true, at: move.at }, step * 100);
      const parts = write(s, next);
      // one command touches its group and the seats of that group at most, never the other group; the
      // seats' histories only when the command ended a round
      expect(parts.length).toBeGreaterThan(0);
      const roundEnded = [...next.participants.values()].some((p) => p.history !== s.participants.get(p.id)!.history);
      expect(parts.filter((p) => p.kind === "h").length > 0).toBe(roundEnded);
      expect(parts.length).toBeLessThanOrEqual(1 + 2 + (roundEnded ? 2 : 0));
      for (const p of parts.filter((p) => p.kind === "p")) expect(JSON.parse(p.json)).not.toHaveProperty("history");
      expect(plain(assembleState(top, [...db.values()], version))).toEqual(plain(next));
      s = next;
      if (++step > 200) throw new Error("did not finish");
    }
    expect(step).toBeGreaterThan(4);
    // most commands leave the top-level fields alone; the last one (the session ends) does not
    expect(topWrites).toBeLessThan(step / 2);
    expect(JSON.parse(top).status).toBe("ended");
  });

  it("keeps a seat's row the same size however many rounds were played (the history has its own row)", () => {
    const lt = load(["random", "random", "random", "random"]);
    const s = newSession(lt, "rows").state;
    const played = runBots(s, lt, 2_000_000).state;
    const p0 = s.participants.get("p1")!;
    const p1 = played.participants.get("p1")!;
    expect(p1.history.length).toBe(2);
    const rowOf = (st: typeof s, pid: string) => changedParts(null, st).find((p) => p.kind === "p" && p.key === pid)!.json;
    // the same fields but the round history, whose rows differ (the action ids are bounded lists: 50 and 20)
    const lean = (p: typeof p0) => JSON.stringify({ ...p, history: undefined, totalPayoff: 0, stage: "", introStep: "", connected: false, everConnected: true, claimed: false, recentActionIds: [], recentBotActionIds: undefined });
    expect(lean(JSON.parse(rowOf(played, "p1")))).toBe(lean(JSON.parse(rowOf(s, "p1"))));
    expect(changedParts(null, played).find((p) => p.kind === "h" && p.key === "p1")!.json).toBe(JSON.stringify(p1.history));
    // a whole state writes every history, even one stored already (e.g. through another store)
    partsStored(played, changedParts(null, played));
    expect(changedParts(null, played).filter((p) => p.kind === "h")).toHaveLength(4);
  });

  it("loads a session stored before histories had their own rows, and writes each history once when its seat next changes", () => {
    const lt = load(["random", "random", "random", "random"]);
    const s0 = newSession(lt, "old-rows").state;
    // play one round, then store the state the way an older mechlab did: each seat's history in its "p" row
    let s = s0;
    let step = 0;
    while ([...s.participants.values()].every((p) => p.history.length === 0)) {
      const move = botMoves(s, lt, step * 100)[0]!;
      s = must(s, lt, { kind: "action", pid: move.pid, clientActionId: move.clientActionId, action: move.action, byBot: true, at: move.at }, step++ * 100);
    }
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    const { participants, groups, ...top } = plain(s);
    const oldRows: SnapshotPartRow[] = [
      ...Object.entries(participants).map(([key, p]) => ({ kind: "p" as const, key, json: JSON.stringify(p) })),
      ...Object.entries(groups).map(([key, g]) => ({ kind: "g" as const, key, json: JSON.stringify(g) })),
    ];
    const loaded = assembleState(JSON.stringify(top), oldRows, s.version);
    expect(plain(loaded)).toEqual(plain(s));
    const withHistory = [...loaded.participants.values()].filter((p) => p.history.length > 0).map((p) => p.id);
    expect(withHistory.length).toBeGreaterThan(0);
    // a seat with history connects: its row is written without the history, so the history must be written too
    const pid = withHistory[0]!;
    const next = must(loaded, lt, { kind: "connect", pid }, step * 100);
    expect(next.participants.get(pid)!.history).toBe(loaded.participants.get(pid)!.history);
    const parts = changedParts(loaded, next);
    expect(parts.map((p) => `${p.kind}/${p.key}`).sort()).toEqual([`h/${pid}`, `p/${pid}`]);
    const db = new Map(oldRows.map((r) => [`${r.kind}/${r.key}`, r]));
    for (const p of parts) db.set(`${p.kind}/${p.key}`, p);
    partsStored(next, parts);
    expect(plain(assembleState(JSON.stringify(top), [...db.values()], next.version))).toEqual(plain(next));
    // once stored, an unchanged history is not written again: the seat's next move rewrites its row alone
    const move = botMoves(next, lt, step * 100 + 1).find((m) => m.pid === pid)!;
    expect(move).toBeDefined();
    const act = (st: typeof s) => must(st, lt, { kind: "action", pid, clientActionId: move.clientActionId, action: move.action, byBot: true, at: move.at }, step * 100 + 1);
    const moved = act(next);
    expect(moved.participants.get(pid)).not.toBe(next.participants.get(pid));
    expect(changedParts(next, moved).filter((p) => p.key === pid).map((p) => p.kind)).toEqual(["p"]);
    // a transaction that did not commit stored nothing: without partsStored the history is written again
    const fresh = assembleState(JSON.stringify(top), oldRows, s.version);
    const c1 = must(fresh, lt, { kind: "connect", pid }, step * 100);
    expect(changedParts(fresh, c1).some((p) => p.kind === "h")).toBe(true);
    const c2 = act(c1);
    expect(changedParts(c1, c2).filter((p) => p.key === pid).map((p) => p.kind).sort()).toEqual(["h", "p"]);
  });

  it("tells a change of the top-level fields from a change of the version alone", () => {
    const s0 = newSession(lt, "top").state;
    expect(topChanged(s0, { ...s0, version: s0.version + 1 })).toBe(false);
    expect(topChanged(s0, { ...s0, version: s0.version + 1, status: "paused" })).toBe(true);
    // compared by value: a copy that holds the same is no change, another value is
    expect(topChanged(s0, { ...s0, waiting: [...s0.waiting] })).toBe(false);
    expect(topChanged(s0, { ...s0, waiting: [...s0.waiting, "p9"] })).toBe(true);
    expect(topChanged(s0, { ...s0, rng: { ...s0.rng } })).toBe(false);
    expect(topChanged(s0, { ...s0, rng: { xoroshiro128plus: [1, 2, 3, 4] } })).toBe(true);
    expect(topChanged(s0, { ...s0, order: [...s0.order].reverse() })).toBe(true);
    // a command that changes one participant only (a seat connects) is not a change of the top-level fields
    const connected = must(s0, lt, { kind: "connect", pid: "p3" }, 0);
    expect(connected.version).toBeGreaterThan(s0.version);
    expect(topChanged(s0, connected)).toBe(false);
    const pausedAt = must(s0, lt, { kind: "pause" }, 5);
    expect(topChanged(s0, pausedAt)).toBe(true);
  });

  it("names only the participants whose view may have changed", () => {
    const s0 = newSession(lt, "aff").state;
    // the bots of group 1 are waiting; a human in another seat connects: only that seat changes
    const s1 = must(s0, lt, { kind: "connect", pid: "p3" }, 0);
    expect(affectedParticipants(s0, s1)).toEqual(["p3"]);
    // consent, instructions: p3 joins the waiting room, which p4 (still new) does not see
    let s2 = must(s1, lt, { kind: "consent", pid: "p3" }, 0);
    s2 = must(s2, lt, { kind: "instructions", pid: "p3" }, 0);
    const after = affectedParticipants(s1, s2);
    expect(after).toContain("p3");
    expect(after).not.toContain("p4");
    // pausing changes everyone's view
    expect(affectedParticipants(s2, must(s2, lt, { kind: "pause" }, 0))).toHaveLength(4);
  });

  it("loads a session stored with the old 32-bit RNG states and resumes it deterministically", () => {
    const lt = load(["random", "random", "random", "random"]);
    const s = newSession(lt, "legacy").state;
    expect(s.groups.size).toBeGreaterThan(0);
    // the same session as an older mechlab stored it: { s } states for the session and every group
    const { participants, groups, ...top } = JSON.parse(JSON.stringify(s));
    const old = { ...top, rng: { s: 2654435761 } };
    const parts = [
      ...Object.entries(participants).map(([key, p]) => ({ kind: "p", key, json: JSON.stringify(p) })),
      ...Object.entries(groups).map(([key, g], i) => ({ kind: "g", key, json: JSON.stringify({ ...(g as object), rng: { s: 1000 + i }, roundSeed: { s: 7 } }) })),
    ];
    const a = assembleState(JSON.stringify(old), parts);
    const b = assembleState(JSON.stringify(old), parts);
    expect(a.rng.xoroshiro128plus).toHaveLength(4);
    for (const g of a.groups.toArray()) expect(g.rng.xoroshiro128plus).toHaveLength(4);
    expect(a).toEqual(b);
    // the loaded session plays to the end, and the same stored data always plays the same way
    const ra = runBots(a, lt, 2_000_000);
    const rb = runBots(b, lt, 2_000_000);
    expect(ra.state.status).toBe("ended");
    expect(ra.rounds.length).toBeGreaterThan(0);
    expect(ra.rounds).toEqual(rb.rounds);
  });
});
