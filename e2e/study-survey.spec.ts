/**
 * The exit survey in the browser: after the last round a person answers every kind of question; an
 * out-of-range number, a number that could mean thousands or decimals ("1.000") and a missing answer
 * are refused by the server with a message next to each question, and nothing typed is lost (also across a reload); then the final page shows the completion
 * code, the monitor counts the answer, and survey.csv and the codebook hold it.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession, parseCsv } from "./steps";

async function createSession(browser: Browser, t: object) {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-json").fill(JSON.stringify(t));
  await admin.getByTestId("session-create").click();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  await openSession(admin);
  const sessionId = decodeURIComponent(new URL(admin.url()).pathname.split("/").pop()!);
  const link = await admin.getByTestId("participant-link-1").getAttribute("href"); // seat 1 is the bot
  return { admin, sessionId, link: link! };
}

/** A person plays the one round and reaches the survey. */
async function toSurvey(browser: Browser, link: string): Promise<Page> {
  const p = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await p.goto(link);
  await p.getByTestId("consent-accept").click();
  await p.getByTestId("instructions-continue").click();
  await p.getByTestId("invest-input").fill("1");
  await p.getByTestId("invest-submit").click();
  await p.getByTestId("next-round").click();
  await expect(p.getByTestId("survey-page")).toBeVisible();
  return p;
}

const treatment = {
  name: "survey e2e",
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 1, decisionSeconds: 120, resultsSeconds: null },
  bots: { seats: ["myopic"], delayMs: 0 },
  survey: [
    { id: "age", type: "number", prompt: "How old are you?", min: 18, max: 99, unit: "years" },
    { id: "hours", type: "number", prompt: "Hours of sleep last night?", min: 0, max: 24, decimals: 1 },
    { id: "strategy", type: "choice", prompt: "How did you decide?", options: [{ value: 1, label: "Gut feeling" }, { value: 2, label: "I calculated" }] },
    { id: "fair", type: "likert", prompt: "The rules were fair.", points: 7, lowLabel: "Strongly disagree", highLabel: "Strongly agree" },
    { id: "comments", type: "text", prompt: "Anything else?", required: false, maxLength: 40, multiline: true },
  ],
};

test("a person answers the exit survey, a refused answer loses nothing, survey.csv holds the answers", async ({ browser }) => {
  const { admin, sessionId, link } = await createSession(browser, treatment);
  const p = await toSurvey(browser, link);

  // the survey comes after the last round, before the final page
  await expect(p.getByTestId("final-page")).toBeHidden();
  await expect(admin.getByTestId("survey-answering")).toHaveText("1");
  await expect(admin.getByTestId("stage-1")).toHaveText("survey: answering");
  // on a 390 px phone the 7-point scale stays inside its question's box (it used to run over the right edge)
  const box = (await p.getByTestId("survey-q-fair").boundingBox())!;
  const seventh = (await p.getByTestId("survey-likert-fair-7").locator("xpath=ancestor::label[1]").boundingBox())!;
  expect(seventh.x + seventh.width).toBeLessThanOrEqual(box.x + box.width);

  await p.getByTestId("survey-input-age").fill("150");
  await p.getByTestId("survey-input-hours").fill("7,5");
  await p.getByTestId("survey-option-strategy-1").check();
  await p.getByTestId("survey-input-comments").fill("Clear, thanks");
  await expect(p.getByTestId("survey-q-comments")).toContainText("27 characters left");
  await p.getByTestId("survey-submit").click(); // age out of range, the scale not answered
  await expect(p.getByTestId("survey-error-age")).toHaveText("Enter a whole number from 18 to 99.");
  await expect(p.getByTestId("survey-error-fair")).toHaveText("Please answer this question.");
  await expect(p.getByTestId("survey-error")).toContainText("2 answers need a change");
  await expect(p.getByTestId("survey-error-hours")).toBeHidden();

  // nothing typed is lost: not by the refusal, not by a reload
  await p.reload();
  await expect(p.getByTestId("survey-input-age")).toHaveValue("150");
  await expect(p.getByTestId("survey-input-hours")).toHaveValue("7,5");
  await expect(p.getByTestId("survey-option-strategy-1")).toBeChecked();
  await expect(p.getByTestId("survey-input-comments")).toHaveValue("Clear, thanks");

  // "1.000": German thousands or English decimals? The page sends it as typed; the server asks for the plain number
  await p.getByTestId("survey-input-age").fill("1.000");
  await p.getByTestId("survey-likert-fair-6").check();
  await p.getByTestId("survey-submit").click();
  await expect(p.getByTestId("survey-error-age")).toHaveText('"1.000" could mean 1000 or 1. Enter a whole number from 18 to 99 without a thousands separator.');
  await p.getByTestId("survey-input-age").fill("42");
  await p.getByTestId("survey-submit").click();
  await expect(p.getByTestId("final-page")).toBeVisible();
  await expect(p.getByTestId("completion-code")).toHaveText(/^[A-Z0-9]{8}$/);
  await expect(admin.getByTestId("survey-answered")).toHaveText("1");
  // collapsible sections show a disclosure marker (the final page's points per round)
  const marker = await p.locator("details > summary").first().evaluate((el) => getComputedStyle(el, "::before").content);
  expect(marker).toBe('"▸"');

  const get = async (file: string) => {
    const csv = parseCsv(await (await admin.request.get(`/api/admin/sessions/${encodeURIComponent(sessionId)}/export/${file}`)).text());
    const head = csv[0]!;
    return csv.slice(1).filter((r) => r.length > 1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
  };
  const rows = await get("survey.csv");
  expect(rows).toHaveLength(2);
  expect(rows[1]).toMatchObject({ seat: "2", survey_status: "answered", age: "42", hours: "7.5", strategy: "2", fair: "6", comments: "Clear, thanks" });
  expect(rows[0]).toMatchObject({ seat: "1", survey_status: "bot" });
  const codebook = await get("codebook.csv");
  expect(codebook.find((r) => r.file === "survey.csv" && r.column === "fair")!.description).toContain('Likert scale 1 to 7: 1 = "Strongly disagree"');
});

test("a German session's survey page and its refusals are in German", async ({ browser }) => {
  const { link } = await createSession(browser, { ...treatment, name: "survey e2e de", language: "de" });
  const p = await toSurvey(browser, link);
  await expect(p.getByRole("heading", { name: "Noch ein paar Fragen zum Schluss" })).toBeVisible();
  await p.getByTestId("survey-input-age").fill("17");
  await p.getByTestId("survey-submit").click();
  await expect(p.getByTestId("survey-error-age")).toHaveText("Geben Sie eine ganze Zahl von 18 bis 99 ein.");
  await expect(p.getByTestId("survey-error-hours")).toHaveText("Bitte beantworten Sie diese Frage.");
  await expect(p.getByTestId("survey-error")).toContainText("Antworten müssen geändert werden");
  await p.getByTestId("survey-input-age").fill("18");
  await p.getByTestId("survey-input-hours").fill("6,5");
  await p.getByTestId("survey-option-strategy-0").check();
  await p.getByTestId("survey-likert-fair-1").check();
  await p.getByTestId("survey-submit").click();
  await expect(p.getByTestId("final-page")).toBeVisible();
});
