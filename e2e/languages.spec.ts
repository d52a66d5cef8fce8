/**
 * Participants in their language: the same IDS treatment in German and in English. The join page takes
 * the room's language, every platform text on the participant's pages comes from that language's
 * catalogue (html lang too), numbers are written the German way (decimal comma) and a German
 * participant types "0,5"; the English session shows the same screens in English.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession } from "./steps";

const treatment = (language: "de" | "en") => ({
  name: `IDS language check (${language})`,
  game: "ids-investment",
  language,
  participantTitle: language === "de" ? "Entscheidungsstudie" : "Decision study",
  params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, endowment: 10, pointsScale: 10, rounds: 1, decisionSeconds: 300, resultsSeconds: 300 },
  intro: {
    instructions: language === "de" ? "## Anleitung\n\nSie investieren in Sicherheit." : "## Instructions\n\nYou invest in security.",
    quiz: [{ question: language === "de" ? "Schützt Investieren?" : "Does investing protect?", options: ["Ja / Yes", "Nein / No"], answer: 0 }],
  },
  bots: { delayMs: 200 },
  payment: { showUpFee: 5, perPoint: 0.01, currency: "EUR" },
});

async function createSession(browser: Browser, language: "de" | "en") {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-json").fill(JSON.stringify(treatment(language)));
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("launch-check")).toBeVisible();
  await admin.getByTestId("session-create").click();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  await openSession(admin);
  const code = (await admin.getByTestId("room-code").textContent())!.trim();
  return { admin, code };
}

async function joinAndPassIntro(browser: Browser, code: string, label: string, words: { join: string; consent: RegExp; quiz: string; waiting: RegExp }): Promise<Page> {
  const p = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" })).newPage();
  await p.goto(`/join?code=${code}`);
  // the browser says English; the page follows the room
  await expect(p.getByRole("heading", { level: 1 })).toHaveText(words.join);
  await p.getByTestId("join-label").fill(label);
  await p.getByTestId("join-submit").click();
  await expect(p).toHaveURL(/\/p\/[^/]+$/);
  await expect(p.getByTestId("consent-accept")).toBeVisible();
  await expect(p.locator("section.card")).toContainText(words.consent);
  await p.getByTestId("consent-accept").click();
  await p.getByTestId("instructions-continue").click();
  await expect(p.getByRole("heading", { name: words.quiz })).toBeVisible();
  await p.getByTestId("quiz-submit").click(); // nothing chosen: the page asks in its language
  await expect(p.getByTestId("intro-error")).toBeVisible();
  await p.getByTestId("quiz-option-0-0").check();
  await p.getByTestId("quiz-submit").click();
  await expect(p.getByTestId("waiting-room")).toContainText(words.waiting);
  return p;
}

test("a German treatment plays a round in German, with German numbers", async ({ browser }) => {
  const { admin, code } = await createSession(browser, "de");
  const p = await joinAndPassIntro(browser, code, "Anna", {
    join: "An einer Sitzung teilnehmen",
    consent: /Wenn Sie fortfahren, erklären Sie sich mit der Teilnahme an dieser Studie einverstanden\./,
    quiz: "Prüfen Sie Ihr Verständnis",
    waiting: /Es wird auf 1 weitere Person gewartet/,
  });
  await expect(p.locator("html")).toHaveAttribute("lang", "de");
  await expect(p.getByTestId("my-seat")).toHaveText("Anna · Platz 1");
  await expect(p.getByTestId("intro-error")).toBeHidden();

  // a refusal from the server, in the room's language: the label is taken (in another letter case)
  const other = await (await browser.newContext({ locale: "en-US" })).newPage();
  await other.goto(`/join?code=${code}`);
  await expect(other.getByTestId("join-submit")).toHaveText("Teilnehmen");
  // an empty label is said on the page, in the room's language, and nothing is sent (fresh-clone review A1)
  const joins: string[] = [];
  other.on("request", (r) => (r.url().includes("/api/join") && r.method() === "POST" ? joins.push(r.url()) : undefined));
  await other.getByTestId("join-submit").click();
  await expect(other.getByTestId("join-missing")).toHaveText("Bitte geben Sie Ihre Bezeichnung ein (Ihren Namen oder Ihre Platznummer, wie von der Versuchsleitung gewünscht).");
  await expect(other.getByTestId("join-label")).toBeFocused();
  expect(joins).toEqual([]);
  await other.getByTestId("join-label").fill("anna");
  await expect(other.getByTestId("join-missing")).toBeHidden();
  await other.getByTestId("join-submit").click();
  await expect(other.getByTestId("join-error")).toContainText("Die Bezeichnung „anna“ ist in dieser Sitzung schon vergeben.");

  await admin.getByTestId("cmd-fill-bots").click();
  await admin.getByTestId("cmd-fill-bots-confirm").click();
  await expect(p.getByTestId("phase-decide")).toBeVisible();
  await expect(p.getByRole("heading", { name: "Wählen Sie Ihre Investition" })).toBeVisible();
  await expect(p.getByTestId("round-number")).toHaveText("1 von 1");
  await expect(p.locator(".status-bar")).toContainText("Verbleibende Zeit");
  await expect(p.getByText("Ihre Lage (Sie sind Nutzer 1)")).toBeVisible();

  // the field explains itself in German, and reads what a German participant types
  await p.getByTestId("invest-input").fill("7");
  await expect(p.getByTestId("invest-error")).toHaveText("Geben Sie eine Zahl zwischen 0 und 5 ein.");
  await p.getByTestId("invest-input").fill("0,5");
  await expect(p.getByTestId("invest-error")).toBeHidden();
  await expect(p.getByTestId("cost-preview")).toContainText("Ihre Punkte");
  await expect(p.getByTestId("cost-preview")).toContainText(/Ihr Risiko \(erwarteter Schaden\)\s*\d+,\d+/);
  await p.getByTestId("invest-submit").click();

  await expect(p.getByTestId("phase-results")).toBeVisible();
  await expect(p.getByRole("heading", { name: "Ergebnisse der Runde" })).toBeVisible();
  await expect(p.getByTestId("my-x")).toHaveText("0,5");
  await expect(p.getByTestId("my-points")).toHaveText(/^-?\d+(,\d)?$/);
  await expect(p.getByTestId("next-round")).toHaveText("Mein Endergebnis ansehen");
  await p.getByTestId("next-round").click();

  await expect(p.getByTestId("final-page")).toContainText("Vielen Dank! Sie sind fertig.");
  await expect(p.getByTestId("payout")).toHaveText(/^\d+,\d\d EUR$/);
  await expect(p.getByTestId("final-page")).toContainText("Ihr Abschlusscode");
  await expect(p).toHaveTitle("Entscheidungsstudie");
  // the experimenter's pages stay English
  await expect(admin.getByTestId("cmd-fill-bots")).toBeVisible();
});

test("an English treatment shows the same screens in English, with a decimal point", async ({ browser }) => {
  const { admin, code } = await createSession(browser, "en");
  const p = await joinAndPassIntro(browser, code, "Ann", {
    join: "Join a session",
    consent: /By continuing you agree to take part in this study\./,
    quiz: "Check your understanding",
    waiting: /Waiting for 1 more participant to be ready/,
  });
  await expect(p.locator("html")).toHaveAttribute("lang", "en");
  await admin.getByTestId("cmd-fill-bots").click();
  await admin.getByTestId("cmd-fill-bots-confirm").click();
  await expect(p.getByRole("heading", { name: "Choose your investment" })).toBeVisible();
  await expect(p.getByTestId("round-number")).toHaveText("1 of 1");
  await p.getByTestId("invest-input").fill("0,5"); // a decimal comma is read in every language
  await expect(p.getByTestId("cost-preview")).toContainText(/Your risk \(expected loss\)\s*\d+\.\d+/);
  await p.getByTestId("invest-submit").click();
  await expect(p.getByTestId("my-x")).toHaveText("0.5");
  await p.getByTestId("next-round").click();
  await expect(p.getByTestId("final-page")).toContainText("Thank you! You have finished.");
  await expect(p.getByTestId("payout")).toHaveText(/^\d+\.\d\d EUR$/);
});
