import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { checkSurveyAnswers } from "../survey/answers";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { reduce } from "./reduce";
import { adminView, participantView } from "./views";
import type { SessionState } from "./state";

const survey = [
  { id: "age", type: "number", prompt: "How old are you?", min: 18, max: 99 },
  { id: "strategy", type: "choice", prompt: "How did you decide?", options: ["Gut feeling", "Calculated"] },
  { id: "fair", type: "likert", prompt: "The rules were fair.", lowLabel: "Disagree", highLabel: "Agree" },
  { id: "comments", type: "text", prompt: "Anything else?", required: false, maxLength: 20 },
];

function load(over: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment(
    { name: "t", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 1, decisionSeconds: 30, resultsSeconds: 5 }, survey, ...over },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

const valid = { age: 30, strategy: "Calculated", fair: 4, comments: null };

/** Seat p1 is a person, p2 a bot the experimenter seated; play the one round to its end. */
function playedOut(lt: LoadedTreatment): { state: SessionState; now: number } {
  const { state } = newSession(lt);
  let s = must(state, lt, { kind: "replaceWithBot", pid: "p2" }, 1_000_000);
  s = passIntro(s, lt, 1_000_000, ["p1"]);
  s = must(s, lt, { kind: "action", pid: "p1", clientActionId: "p1-invest-1", action: { type: "invest", x: 1 } }, 1_000_100);
  const end = runBots(s, lt, 1_000_200, { until: (x) => x.participants.get("p1")!.stage !== "playing" });
  return { state: end.state, now: end.nowMs };
}

describe("the exit survey in the participant flow", () => {
  it("opens after the last round for a person; a bot playing a person's seat skips it", () => {
    const lt = load();
    const end = playedOut(lt);
    const p1 = end.state.participants.get("p1")!;
    expect(p1.stage).toBe("survey");
    // the experimenter's bot plays p2 for a person's seat: it skips the survey, nobody answers for the person
    expect(end.state.participants.get("p2")!.survey?.status).toBe("skipped");
    const v = participantView(end.state, lt, "p1", end.now)!;
    expect(v.survey?.questions.map((q) => q.id)).toEqual(["age", "strategy", "fair", "comments"]);
    expect(v.done).toBeNull();
    expect(end.state.status).toBe("running"); // not over while someone is answering
    expect(adminView(end.state, lt, end.now).survey).toEqual({ questions: 4, answered: 0, answering: 1, skipped: 1, byBots: 0 });
  });

  it("bot seats from the start answer every question (a bot pilot finishes and fills survey.csv)", () => {
    const lt = load({ bots: { seats: ["zero", "myopic"] } });
    const end = runBots(newSession(lt).state, lt, 1_000_000);
    for (const p of end.state.participants.toArray()) {
      expect(p.stage).toBe("done");
      expect(p.survey?.status).toBe("bot");
      expect(checkSurveyAnswers(lt.treatment.survey, p.survey!.answers).ok).toBe(true);
    }
    expect(end.state.status).toBe("ended");
  });

  it("refuses wrong answers with a message per question and changes nothing; accepts valid ones once", () => {
    const lt = load();
    const { state } = newSession(lt);
    let s = passIntro(state, lt, 1_000_000);
    for (const pid of ["p1", "p2"]) s = must(s, lt, { kind: "action", pid, clientActionId: `${pid}-invest-1`, action: { type: "invest", x: 1 } }, 1_000_100);
    s = runBots(s, lt, 1_000_200, { until: (x) => x.participants.get("p1")!.stage === "survey" }).state;
    expect(s.participants.get("p1")!.stage).toBe("survey");

    const bad = reduce(s, lt, { kind: "survey", pid: "p1", answers: { age: 150, strategy: "Maybe", fair: 4 } }, 1_010_000);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe("action/out_of_range");
    expect(bad.error.message).toMatch(/2 answers need a change.*Nothing you typed was lost/);
    expect(bad.error.fields).toEqual({ age: "Enter a whole number from 18 to 99.", strategy: "Please choose one of the options." });

    const other = reduce(s, lt, { kind: "survey", pid: "p2", answers: valid }, 1_010_000);
    expect(other.ok).toBe(true); // p2 answers for p2 only (the server picks pid from the link)

    const good = reduce(s, lt, { kind: "survey", pid: "p1", answers: valid }, 1_020_000);
    expect(good.ok).toBe(true);
    if (!good.ok) return;
    const p1 = good.state.participants.get("p1")!;
    expect(p1.stage).toBe("done");
    expect(p1.survey).toEqual({ status: "answered", answers: valid, atMs: 1_020_000 });
    expect(participantView(good.state, lt, "p1", 1_020_000)!.done?.completionCode).toBe("code-p1");

    const retry = reduce(good.state, lt, { kind: "survey", pid: "p1", answers: valid }, 1_030_000);
    expect(retry.ok && retry.duplicate).toBe(true);
    const change = reduce(good.state, lt, { kind: "survey", pid: "p1", answers: { ...valid, age: 31 } }, 1_030_000);
    expect(change.ok).toBe(false);
    if (!change.ok) expect(change.error.code).toBe("action/already_submitted");
  });

  it("is refused before play ends and while the session is paused", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    const early = reduce(s, lt, { kind: "survey", pid: "p1", answers: valid }, 1_000_100);
    expect(!early.ok && early.error.code).toBe("intro/wrong_step");
    for (const pid of ["p1", "p2"]) s = must(s, lt, { kind: "action", pid, clientActionId: `${pid}-invest-1`, action: { type: "invest", x: 1 } }, 1_000_100);
    s = runBots(s, lt, 1_000_200, { until: (x) => x.participants.get("p1")!.stage === "survey" }).state;
    s = must(s, lt, { kind: "pause" }, 1_010_000);
    const paused = reduce(s, lt, { kind: "survey", pid: "p1", answers: valid }, 1_010_100);
    expect(!paused.ok && paused.error.code).toBe("session/paused");
  });

  it("a seat the experimenter gives to a bot during the survey skips it; ending the session closes it", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    for (const pid of ["p1", "p2"]) s = must(s, lt, { kind: "action", pid, clientActionId: `${pid}-invest-1`, action: { type: "invest", x: 1 } }, 1_000_100);
    s = runBots(s, lt, 1_000_200, { until: (x) => x.participants.get("p2")!.stage === "survey" }).state;
    s = must(s, lt, { kind: "replaceWithBot", pid: "p2" }, 1_010_000);
    expect(s.participants.get("p2")).toMatchObject({ stage: "done", survey: { status: "skipped", answers: {} } });
    s = must(s, lt, { kind: "end" }, 1_020_000);
    expect(s.participants.get("p1")!.stage).toBe("done");
    expect(s.participants.get("p1")!.survey).toBeUndefined();
  });

  it("without survey questions play ends on the final page as before", () => {
    const lt = load({ survey: [] });
    const { state } = playedOut(lt);
    expect(state.participants.get("p1")!.stage).toBe("done");
    expect(state.participants.get("p1")!.survey).toBeUndefined();
  });
});
