/** survey.csv's survey_status: a treatment without an exit survey says no_survey, never not_reached. */
import { describe, expect, it } from "vitest";
import { games } from "../../lib/games/registry";
import { loadTreatment } from "../../lib/engine/treatment";
import { must, newSession, passIntro, runBots } from "../../lib/testing/drive";
import { SURVEY_BASE_COLUMNS, surveyRow } from "./survey";

const seat = { id: "p1", seat: 0, label: null, stage: "done" };
const row = (p: Partial<Parameters<typeof surveyRow>[1]>, hasSurvey: boolean) => surveyRow({ session: "s", treatment: "t" }, { ...seat, ...p }, hasSurvey).survey_status;

describe("survey_status", () => {
  it("no_survey when the treatment has no exit survey; not_reached only when it has one", () => {
    expect(row({}, false)).toBe("no_survey");
    expect(row({ stage: "playing" }, false)).toBe("no_survey");
    expect(row({}, true)).toBe("not_reached");
    expect(row({ stage: "survey" }, true)).toBe("answering");
    expect(row({ survey: { status: "answered", answers: {}, atMs: 1 } }, true)).toBe("answered");
  });

  it("closed: the survey was open when the session ended (stage done, surveyStartedMs set, no answers), apart from not_reached", () => {
    expect(row({ surveyStartedMs: 5 }, true)).toBe("closed");
    expect(row({ stage: "survey", surveyStartedMs: 5 }, true)).toBe("answering");
    expect(row({ surveyStartedMs: 5, survey: { status: "skipped", answers: {}, atMs: 6 } }, true)).toBe("skipped");
    expect(SURVEY_BASE_COLUMNS.find((c) => c.name === "survey_status")!.description).toMatch(/closed \(the survey was open and the experimenter ended the session/);
  });

  it("End session: the person on the survey is closed, the one still playing not_reached", () => {
    const params = { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 1, decisionSeconds: 30, resultsSeconds: 5 };
    const loaded = loadTreatment({ name: "t", game: "ids-investment", params, groups: 2, survey: [{ id: "age", type: "number", prompt: "Age?", min: 18, max: 99 }] }, games);
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const lt = loaded.value;
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    // p1's group decides and goes on to the survey; the other group is still deciding
    const mates = s.groups.get(s.participants.get("p1")!.groupId!)!.members;
    for (const pid of mates) s = must(s, lt, { kind: "action", pid, clientActionId: `${pid}-invest-1`, action: { type: "invest", x: 1 } }, 1_000_100);
    s = runBots(s, lt, 1_000_200, { until: (x) => x.participants.get("p1")!.stage === "survey" }).state;
    const other = s.order.find((pid) => !mates.includes(pid))!;
    expect(s.participants.get("p1")!.stage).toBe("survey");
    expect(s.participants.get(other)!.stage).toBe("playing");
    s = must(s, lt, { kind: "end" }, 1_010_000);
    const status = (pid: string) => surveyRow({ session: "s", treatment: "t" }, s.participants.get(pid)!, true).survey_status;
    expect(status("p1")).toBe("closed");
    expect(status(other)).toBe("not_reached");
  });

  it("the codebook explains no_survey", () => {
    expect(SURVEY_BASE_COLUMNS.find((c) => c.name === "survey_status")!.description).toMatch(/no_survey \(the session's treatment has no exit survey\)/);
  });
});
