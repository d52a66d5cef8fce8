/** The monitor's "Play waits for …" notice names the seats still in the intro and the ways on (instructor review C11). */
import { describe, expect, it } from "vitest";
import { LEFT_BEFORE_PLAY_MS } from "@/lib/engine/free-seat";
import { LEFT_BEFORE_PLAY_TEXT, groupWaitText, introStateText, offlineInIntroText, playWaitsHeadline, playWaitsHelp } from "./play-waits-text";

const lu = { seat: 0, label: "Lu", stage: "intro", introStep: "consent", presence: "offline", offlineMs: 65_000, leftBeforePlay: null } as const;
const bo = { seat: 6, label: null, stage: "intro", introStep: "instructions", presence: "online", offlineMs: null, leftBeforePlay: null } as const;

describe("the notice 'Play waits for …'", () => {
  it("names each seat (counted from 1, as on the monitor), its label and where its person is", () => {
    expect(playWaitsHeadline([lu])).toBe("Play waits for 1 person still in the intro: seat 1 Lu (offline 1 min, at the consent).");
    expect(playWaitsHeadline([lu, bo])).toBe(
      "Play waits for 2 people still in the intro: seat 1 Lu (offline 1 min, at the consent), seat 7 (online, at the instructions).",
    );
    expect(introStateText({ ...lu, offlineMs: 20_000 })).toBe("offline less than a minute, at the consent");
    expect(introStateText({ ...lu, stage: "new", presence: "offline", offlineMs: null })).toBe("taken, not opened yet");
    expect(introStateText({ ...lu, stage: "done", leftBeforePlay: "declined" })).toBe("declined the consent");
  });

  it("says how many are ready, and what Replace by bot and Free seat do; the seat is freed by itself after LEFT_BEFORE_PLAY_MS", () => {
    const h = playWaitsHelp(19);
    expect(h).toContain("Every seat is taken and 19 seats are ready in the waiting room, but no group can start without the seats above.");
    // a person still in the intro never agreed: the seat is freed from them, for a bot seat (fresh-clone review A7)
    expect(h).toContain("Replace by bot: the seat is freed from its person, who has not agreed to take part or finished the intro");
    expect(h).toContain("they are not paid and not in the data");
    expect(h).toContain("a bot plays it as a bot seat from now on");
    expect(h).toContain("Free seat: the next person to join takes it");
    expect(h).toContain(`freed by itself after ${LEFT_BEFORE_PLAY_TEXT} offline`);
    expect(LEFT_BEFORE_PLAY_TEXT).toBe(`${LEFT_BEFORE_PLAY_MS / 60_000} minutes`);
  });

  it("for the fill question: only seats whose person is offline in the intro", () => {
    expect(offlineInIntroText([bo])).toBe("");
    expect(offlineInIntroText([lu, bo])).toBe(
      " 1 seat is held by a person offline in the intro: seat 1 Lu (offline 1 min, at the consent). It is not filled, and play may wait for them: " +
        "replace them by a bot or free the seat on the participant list (it is freed by itself after 10 minutes offline).",
    );
    expect(offlineInIntroText([lu, { ...lu, seat: 3, label: "Mo" }])).toMatch(/^ 2 seats are held by people offline in the intro: seat 1 Lu \(.*\), seat 4 Mo \(.*\)\. They are not filled/);
  });
});

describe("the waiting room's line (fresh-clone review A6)", () => {
  const w = { ready: 1, short: 3, emptySeats: 2, inIntro: 1, cannotForm: false, waitOutInMs: null };
  it("says how many more a group needs and where they can come from", () => {
    expect(groupWaitText(w)).toEqual({
      stuck: false,
      text: "1 seat is ready and waiting for a group: a group needs 3 more people (2 empty seats wait for a join, 1 person is still in the intro; Fill empty seats with bots fills the empty ones).",
    });
  });
  it("says that no group can form when too few can still come, and when the first waiting person goes home", () => {
    const r = groupWaitText({ ...w, ready: 2, short: 2, emptySeats: 0, inIntro: 0, cannotForm: true, waitOutInMs: 125_000 });
    expect(r.stuck).toBe(true);
    expect(r.text).toBe(
      "No group can form: 2 seats are ready and waiting for a group; a group needs 2 more people, and none can still come (no seat is empty and nobody is in the intro). Fill empty seats with bots, replace or free the seats that hold it up, or end the session. The first of them goes to the final page (no game, the show-up fee) in 2 min (waitingRoom.maxMinutes), and their seat is free again.",
    );
    expect(groupWaitText({ ...w, cannotForm: true }).text).toContain("play has started without them");
  });
});
