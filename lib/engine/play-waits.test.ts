/**
 * Instructor review C11: in a classroom session (random matching, 20 seats) Lu joins and closes the tab on the
 * consent page, Ana reaches the waiting room, the instructor fills the 18 empty seats with bots — and nothing
 * starts. The monitor's view says who play waits for: seat 1 Lu, offline in the intro.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro } from "../testing/drive";
import { EXAMPLES } from "../testing/example-treatments";
import { playWaitsFor } from "./play-waits";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { adminView } from "./views";
import type { SessionState } from "./state";

function load(file: string, over: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment({ ...(JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as object), ...over }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

const T0 = 1_000_000;

/** Lu (seat 1) leaves at the consent page at T0 + 1 s; Ana (seat 2) finishes the intro. */
function luLeft(lt: LoadedTreatment): SessionState {
  let s = newSession(lt, "test", T0).state;
  s = must(s, lt, { kind: "claim", label: "Lu" }, T0);
  s = must(s, lt, { kind: "connect", pid: "p1" }, T0);
  s = must(s, lt, { kind: "disconnect", pid: "p1" }, T0 + 1_000);
  s = must(s, lt, { kind: "claim", label: "Ana" }, T0 + 2_000);
  return passIntro(s, lt, T0 + 3_000, ["p2"]);
}

describe("who play waits for (the monitor's 'Play waits for …' notice)", () => {
  const lt = load("ids-investment-classroom.json");

  it("after 'Fill empty seats with bots' the class waits for Lu, offline at the consent: the view names her seat and how long she is offline", () => {
    let s = luLeft(lt);
    // seats are still empty: they are for the next joins or the fill, nobody to name yet
    expect(adminView(s, lt, T0 + 4_000).playWaitsFor).toEqual([]);
    s = must(s, lt, { kind: "fillWithBots" }, T0 + 5_000);
    expect(s.groups.size).toBe(0); // nothing started
    const v = adminView(s, lt, T0 + 61_000);
    expect(v.waiting).toBe(lt.seats - 1); // Ana and the bots (19 of 20)
    expect(v.playWaitsFor).toEqual(["p1"]);
    const lu = v.participants.find((p) => p.id === "p1")!;
    expect([lu.label, lu.stage, lu.introStep, lu.presence, lu.offlineMs, lu.freeable]).toEqual(["Lu", "intro", "consent", "offline", 60_000, true]);
    expect(v.participants.find((p) => p.id === "p2")!.offlineMs).toBeNull(); // online
    // "Replace by bot" on her seat (the server frees it from her first: fresh-clone review A7) starts the game, and nobody is waited for any more
    s = must(s, lt, { kind: "replaceWithBot", pid: "p1", intro: true, completionCode: "next" }, T0 + 62_000);
    expect([s.participants.get("p1")!.bot, s.participants.get("p1")!.label]).toEqual([true, null]);
    expect(s.groups.size).toBe(lt.seats / lt.groupSize);
    expect(adminView(s, lt, T0 + 62_000).playWaitsFor).toEqual([]);
  });

  it("'Free seat' ends the wait too: the seat is empty again (for the next join, or a bot)", () => {
    let s = must(luLeft(lt), lt, { kind: "fillWithBots" }, T0 + 5_000);
    s = must(s, lt, { kind: "freeSeat", pid: "p1", unused: false }, T0 + 6_000);
    expect(playWaitsFor(s, lt)).toEqual([]);
    s = must(s, lt, { kind: "fillWithBots" }, T0 + 7_000);
    expect(s.groups.size).toBe(lt.seats / lt.groupSize);
  });

  it("an online person still reading is named too (not offline); nobody while nobody is ready", () => {
    let s = newSession(lt, "test", T0).state;
    s = must(s, lt, { kind: "claim", label: "Lu" }, T0);
    s = must(s, lt, { kind: "connect", pid: "p1" }, T0);
    expect(playWaitsFor(must(s, lt, { kind: "fillWithBots" }, T0), lt)).toEqual(["p1"]);
    const v = adminView(must(s, lt, { kind: "fillWithBots" }, T0), lt, T0 + 30_000);
    expect(v.participants[0]!.offlineMs).toBeNull();
    // a session of people only: everyone in the intro, nobody ready yet — nothing to say
    const everyone = Array.from({ length: lt.seats }, (_, i) => `L${i}`).reduce((x, label) => must(x, lt, { kind: "claim", label }, T0), newSession(lt, "test", T0).state);
    expect(playWaitsFor(everyone, lt)).toEqual([]);
  });

  it("fixed matching: the last, incomplete group waits for the seat still in the intro", () => {
    const fixed = load("ids-investment-classroom.json", { matching: "fixed" });
    const s = must(luLeft(fixed), fixed, { kind: "fillWithBots" }, T0 + 5_000);
    expect(s.groups.size).toBe(Math.floor((fixed.seats - 1) / fixed.groupSize)); // 19 ready: four groups of 4; 3 wait for Lu
    expect(s.waiting).toHaveLength(fixed.groupSize - 1);
    expect(playWaitsFor(s, fixed)).toEqual(["p1"]);
  });
});
