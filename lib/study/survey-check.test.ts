/**
 * The launch check's exit-survey, language and payment section, read from the parsed treatment:
 * every question with its kind, whether it is required and the answers it allows; the defaults that
 * apply when the treatment leaves a payment field out; a completion URL set or not.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Scalar } from "../core/game";
import { loadTreatment } from "../engine";
import { games } from "../games/registry";
import { launchCheck, launchCheckText, type LaunchSection } from "./launch-check";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const raw = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as Record<string, unknown>;

function sectionOf(t: unknown): LaunchSection {
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("\n"));
  const s = launchCheck(lt.value).sections.find((x) => x.id === "survey-payment");
  if (!s) throw new Error("no survey-payment section");
  return s;
}
const metrics = (s: LaunchSection): Record<string, Scalar> => Object.fromEntries(s.metrics.map((m) => [m.label, m.value]));

describe("launch check: exit survey, language and payment", () => {
  it("lists the classroom example's four questions with kind, required and the answers each allows", () => {
    const s = sectionOf(raw("ids-investment-classroom.json"));
    expect(metrics(s)["Exit survey questions"]).toBe(4);
    expect(s.metrics.find((m) => m.label === "Exit survey questions")?.hint).toBe("3 required");
    const table = s.tables.find((t) => t.title === "Survey questions");
    expect(table?.columns).toEqual(["id", "kind", "required", "answers"]);
    expect(table?.rows).toEqual([
      ["strategy", "choice", "yes", "1 = Gut feeling; 2 = I copied what seemed to work; 3 = I calculated my best investment"],
      ["others_matter", "likert", "yes", "7 points: 1 = Strongly disagree … 7 = Strongly agree"],
      ["econ_courses", "number", "yes", "0 … 50 (whole numbers) courses"],
      ["comments", "text", "no", "free text, at most 1000 characters, several lines"],
    ]);
  });

  it("shows the defaults that apply when the treatment sets no payment, language or completion URL", () => {
    const online = metrics(sectionOf({ ...raw("ids-investment-3.json"), waitingRoom: { maxMinutes: 10 }, join: { seatsPerAddress: 2 } }));
    expect([online["Longest wait for a group"], online["Seats one network address may take"]]).toEqual(["10 min", 2]);
    const m = metrics(sectionOf(raw("ids-investment-classroom.json")));
    expect([m["Longest wait for a group"], m["Seats one network address may take"]]).toEqual(["no limit", "no limit"]);
    expect(m).toMatchObject({
      "Language of platform texts": "en (English)",
      "Show-up fee": "0",
      "Money per point": "0",
      Currency: "not set",
      "Rounds a bot played for a person are paid": "yes",
      "Completion URL": "not set",
    });
  });

  it("reads the treatment's own payment, language, completion URL (or its older name) and plain choice labels", () => {
    const t = {
      ...raw("ids-investment-classroom.json"),
      language: "de",
      payment: { showUpFee: 5, perPoint: 0.1, currency: "EUR", payBotRounds: false },
      redirectUrl: "https://app.prolific.com/submissions/complete?cc={code}",
      survey: [{ id: "gender", type: "choice", prompt: "Gender?", options: ["female", "male", "other"] }],
    };
    const s = sectionOf(t);
    const m = s.metrics.find((x) => x.label === "Completion URL");
    expect(m).toEqual({ label: "Completion URL", value: "set", hint: "https://app.prolific.com/submissions/complete?cc={code}" });
    expect(metrics(s)).toMatchObject({
      "Exit survey questions": 1,
      "Language of platform texts": "de (Deutsch)",
      "Show-up fee": "5 EUR",
      "Money per point": "0.1 EUR",
      Currency: "EUR",
      "Rounds a bot played for a person are paid": "no",
    });
    expect(s.tables[0]?.rows).toEqual([["gender", "choice", "yes", "female; male; other"]]);
  });

  it("lists the consent, the quiz and its attempts, limited or not", () => {
    const quiz = [{ question: "2 + 2?", options: ["3", "4"], answer: 1 }];
    const limited = sectionOf({ ...raw("ids-investment-3.json"), intro: { consent: "Agree?", quiz, quizMaxAttempts: 2 } });
    expect(metrics(limited)).toMatchObject({ "Consent text": "your own", "Quiz questions": 1, "Quiz attempts": 2 });
    expect(limited.metrics.find((m) => m.label === "Quiz attempts")?.hint).toMatch(/takes no part and is paid nothing/);
    const open = sectionOf({ ...raw("ids-investment-3.json"), intro: { quiz } });
    expect(metrics(open)["Quiz attempts"]).toBe("no limit");
    const none = sectionOf({ ...raw("ids-investment-3.json"), intro: {} });
    expect(metrics(none)).toMatchObject({ "Consent text": "the default sentence", "Quiz questions": "none" });
    expect(metrics(none)["Quiz attempts"]).toBeUndefined();
  });

  it("a treatment without a survey says so and has no question table; the section still follows the game's theory", () => {
    const lt = loadTreatment(raw("ids-investment-3.json"), games);
    if (!lt.ok) throw new Error(lt.errors.join("\n"));
    const c = launchCheck(lt.value);
    expect(c.sections.at(-1)?.id).toBe("survey-payment");
    expect(c.sections[0]?.id).toBe("ids-nash-social");
    expect(metrics(c.sections.at(-1)!)["Exit survey questions"]).toBe("none");
    expect(c.sections.at(-1)!.tables).toEqual([]);
    expect(launchCheckText(c)).toContain("== Intro, exit survey, language and payment (confirm before opening) ==");
  });
});
