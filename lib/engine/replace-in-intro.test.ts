/**
 * Fresh-clone review A7: "Replace by bot" on a seat whose person is still in the intro (here: Lu closed the tab
 * on the consent page, never agreed). Such a person took no part: the seat is freed from them (as "Free seat"
 * does, kept in the seat's memory and counted by `seat_holder`) and becomes a bot seat — not a person's seat
 * whose rounds a bot plays, which paid Lu the show-up fee plus a bonus for the bot's rounds and listed her in
 * the data as a participant.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { paymentRows } from "../study/payments";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { EXAMPLES } from "../testing/example-treatments";
import { reduce } from "./reduce";
import { formerPersonOf } from "./seat-memory";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { adminView } from "./views";
import type { SessionState } from "./state";

function load(over: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment({ ...(JSON.parse(readFileSync(join(EXAMPLES, "ids-investment-3.json"), "utf8")) as object), ...over }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

const T0 = 1_000_000;

/** Two people finish the intro; Lu (seat 3) joins by room code and closes the tab on the consent page. */
function luAtConsent(lt: LoadedTreatment): SessionState {
  let s = newSession(lt, "test", T0).state;
  for (const label of ["Ana", "Bo", "Lu"]) s = must(s, lt, { kind: "claim", label }, T0);
  s = passIntro(s, lt, T0 + 1_000, ["p1", "p2"]);
  s = must(s, lt, { kind: "connect", pid: "p3" }, T0 + 1_000);
  return must(s, lt, { kind: "disconnect", pid: "p3" }, T0 + 2_000);
}

describe("Replace by bot on a seat whose person has not finished the intro (fresh-clone review A7)", () => {
  const lt = load();

  it("frees the seat from the person and gives it to a bot as a bot seat: not paid, not in the data under their label", () => {
    let s = luAtConsent(lt);
    expect(adminView(s, lt, T0 + 3_000).playWaitsFor).toEqual(["p3"]);
    s = must(s, lt, { kind: "replaceWithBot", pid: "p3", intro: true, completionCode: "next-code" }, T0 + 3_000);
    const seat = s.participants.get("p3")!;
    expect([seat.bot, seat.replacedByBot, seat.filled, seat.label, seat.everConnected, seat.completionCode, seat.timesFreed]).toEqual([true, false, true, null, false, "next-code", 1]);
    // play starts at once
    expect(s.groups.size).toBe(1);
    const end = runBots(s, lt, T0 + 3_000, { until: (x) => x.participants.toArray().filter((p) => !p.bot).every((p) => p.stage !== "playing") && x.groups.toArray().every((g) => g.status === "finished") });
    s = end.state;
    // the bot's rounds are a bot seat's
    expect(end.rounds.flatMap((r) => r.players.filter((p) => p.participantId === "p3").map((p) => [p.label, p.how.botReason]))).toEqual([
      [null, "bot_seat"],
      [null, "bot_seat"],
    ]);
    // payments.csv: Lu is not listed (no show-up fee, no bonus for the bot's play); data-wide.csv: a bot seat (above), its second holder
    const rows = paymentRows(s, lt);
    expect(rows.map((r) => r.label)).toEqual(["Ana", "Bo"]);
    // the bot's seat cannot be given back to Lu: she never agreed to take part
    const back = reduce(s, lt, { kind: "giveBack", pid: "p3" }, end.nowMs);
    expect(back.ok).toBe(false);
  });

  it("keeps the person in the seat's memory like someone freed in the intro: the quiz attempts they used come back with them", () => {
    const quizLt = load({ intro: { quiz: [{ question: "2 + 2?", options: ["3", "4"], answer: 1 }], quizMaxAttempts: 3 } });
    let s = newSession(quizLt, "test", T0).state;
    for (const label of ["Ana", "Bo", "Lu"]) s = must(s, quizLt, { kind: "claim", label, browser: `browser-${label}` }, T0);
    s = passIntro(s, quizLt, T0 + 1_000, ["p1", "p2"]);
    for (const cmd of [{ kind: "connect", pid: "p3" }, { kind: "consent", pid: "p3" }, { kind: "instructions", pid: "p3" }] as const) s = must(s, quizLt, cmd, T0 + 1_000);
    const wrong = reduce(s, quizLt, { kind: "quiz", pid: "p3", answers: [0] }, T0 + 1_500);
    expect(wrong.ok).toBe(false);
    s = !wrong.ok && wrong.kept ? wrong.kept : s;
    s = must(s, quizLt, { kind: "replaceWithBot", pid: "p3", intro: true, completionCode: "next-code" }, T0 + 2_000);
    // remembered under the label and the browser it was used in (fresh-clone review B3)
    expect(formerPersonOf(s, "label:lu|browser-Lu")).toMatchObject({ quizAttempts: 1 });
    expect(s.participants.get("p3")!.bot).toBe(true);
  });

  it("the engine takes the server's word only when it holds: without `intro` a person in the intro is not replaced, with it a person who finished the intro is not freed", () => {
    const s = luAtConsent(lt);
    const plain = reduce(s, lt, { kind: "replaceWithBot", pid: "p3" }, T0 + 3_000);
    expect(!plain.ok && plain.error.message).toMatch(/has not finished the intro: Replace by bot frees the seat/);
    const ready = reduce(s, lt, { kind: "replaceWithBot", pid: "p1", intro: true, completionCode: "x" }, T0 + 3_000);
    expect(!ready.ok && ready.error.message).toMatch(/finished the intro in the meantime/);
    // someone who finished the intro is replaced as before: the bot plays for them, and the seat can be given back
    const replaced = must(s, lt, { kind: "replaceWithBot", pid: "p1" }, T0 + 3_000);
    expect([replaced.participants.get("p1")!.replacedByBot, replaced.participants.get("p1")!.bot, replaced.participants.get("p1")!.label]).toEqual([true, false, "Ana"]);
  });
});
