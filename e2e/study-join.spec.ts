/**
 * Recruiting without personal links: an online panel's link (Prolific ids in the query) takes a seat
 * with nobody typing a label, gives the same person the same seat on another device, tells a latecomer
 * the session is full, and sends the finisher to the panel's completion link with their code. A label
 * typed twice does not hand a seat over; the seat's own browser comes back; a re-issued link replaces
 * the old one.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession, createSessionFromExample, invest } from "./steps";

const PORT = Number(process.env.MECHLAB_E2E_PORT ?? 3123);

async function adminWithTreatment(browser: Browser, treatment: unknown, open = true): Promise<{ admin: Page; code: string }> {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-json").fill(JSON.stringify(treatment));
  await admin.getByTestId("session-create").click();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  if (open) await openSession(admin);
  const code = (await admin.getByTestId("room-code").textContent())!.trim();
  return { admin, code };
}

const person = async (browser: Browser) => (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();

test("a Prolific link takes a seat by panel id, keeps it across devices, and ends at the completion link", async ({ browser }) => {
  const { admin, code } = await adminWithTreatment(browser, {
    name: "Treatment B (high externality) — do not show",
    game: "ids-investment",
    params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 1, decisionSeconds: 120, resultsSeconds: null },
    completionUrl: `http://127.0.0.1:${PORT}/?completed={code}`,
    payment: { showUpFee: 2, perPoint: 0.01, currency: "GBP" },
  }, false);
  const link = (pid: string) => `/join?code=${code}&PROLIFIC_PID=${pid}&STUDY_ID=study1&SESSION_ID=sess-${pid}`;

  // a draft: nobody gets a seat before the experimenter opens the session; the page asks again by itself
  const early = await person(browser);
  await early.goto(link("5f0000000000000000000a01")); // Ann, before the session opens
  await expect(early.getByTestId("join-retrying")).toContainText("This session has not opened yet. This page tries again by itself every 10 seconds");
  // the study's title, not the platform's name or its page about the research topic
  await expect(early).toHaveTitle("Study");
  await expect(early.getByText("What is mechlab?")).toHaveCount(0);
  await openSession(admin);
  await expect(early).toHaveURL(/\/p\/[^/]+$/, { timeout: 20_000 });
  await early.context().close();

  const ann = await person(browser);
  await ann.goto(link("5f0000000000000000000a01"));
  await expect(ann).toHaveURL(/\/p\/[^/]+$/);
  await expect(ann.getByTestId("participant-title")).toHaveText("Study");
  await expect(ann).toHaveTitle("Study");
  await expect(ann.locator("body")).not.toContainText("Treatment B");
  await expect(ann.getByTestId("join-label")).toHaveCount(0);
  const annUrl = ann.url();

  // the same Prolific id on another device gets the same seat
  const annPhone = await person(browser);
  await annPhone.goto(link("5f0000000000000000000a01"));
  await expect(annPhone).toHaveURL(annUrl);
  await annPhone.context().close();
  // the id twice in one link (a panel appending it to a link that has it already): the first one counts
  const twice = await person(browser);
  await twice.goto(`${link("5f0000000000000000000a01")}&PROLIFIC_PID=5f0000000000000000000b02`);
  await expect(twice).toHaveURL(annUrl);
  await twice.context().close();

  const bob = await person(browser);
  await bob.goto(link("5f0000000000000000000b02"));
  await expect(bob).toHaveURL(/\/p\/[^/]+$/);
  expect(bob.url()).not.toBe(annUrl);

  const late = await person(browser);
  await late.goto(link("5f0000000000000000000c03"));
  await expect(late.getByTestId("join-error")).toContainText("full");
  await expect(late).toHaveURL(/\/join\?/);

  await expect(admin.getByTestId("external-0")).toHaveText("prolific: 5f0000000000000000000a01");
  await expect(admin.getByTestId("external-1")).toHaveText("prolific: 5f0000000000000000000b02");

  for (const p of [ann, bob]) {
    await p.getByTestId("consent-accept").click();
    await p.getByTestId("instructions-continue").click();
  }
  await invest(ann, "1");
  await invest(bob, "2");
  for (const p of [ann, bob]) await p.getByTestId("next-round").click();
  await expect(ann.getByTestId("final-page")).toBeVisible();
  const completion = (await ann.getByTestId("completion-code").textContent())!.trim();
  await expect(ann.getByTestId("redirect-link")).toHaveAttribute("href", `http://127.0.0.1:${PORT}/?completed=${completion}`);
  // and the page goes there on its own
  await expect(ann).toHaveURL(`http://127.0.0.1:${PORT}/?completed=${completion}`, { timeout: 20_000 });
});

test("a label in use is refused from another browser; the seat's own browser and a re-issued link come back", async ({ browser }) => {
  const { admin } = await createSessionFromExample(browser, "ids-investment-3.json");
  const code = (await admin.getByTestId("room-code").textContent())!.trim();

  const zoe = await person(browser);
  await zoe.goto(`/join?code=${code}`);
  await zoe.getByTestId("join-label").fill("Zoë O'Brien-Smith");
  await zoe.getByTestId("join-submit").click();
  await expect(zoe).toHaveURL(/\/p\/[^/]+$/);
  await expect(zoe.getByTestId("my-seat")).toHaveText("Zoë O'Brien-Smith · Seat 1");
  const zoeUrl = zoe.url();
  await expect(admin.getByTestId("monitor-row-0")).toContainText("Zoë O'Brien-Smith");

  const other = await person(browser);
  await other.goto(`/join?code=${code}`);
  await other.getByTestId("join-label").fill("ZOË O'BRIEN-SMITH");
  await other.getByTestId("join-submit").click();
  await expect(other.getByTestId("join-error")).toContainText("already taken");
  await expect(other).toHaveURL(/\/join/);
  // a phone keyboard's typographic apostrophe does not make it another label
  await other.getByTestId("join-label").fill("zoë o’brien-smith");
  await other.getByTestId("join-submit").click();
  await expect(other.getByTestId("join-error")).toContainText('"zoë o’brien-smith" is already taken');
  await expect(other).toHaveURL(/\/join/);

  // Zoë's own browser joins again with her label and is back on her seat
  await zoe.goto(`/join?code=${code}`);
  await zoe.getByTestId("join-label").fill("zoë o'brien-smith");
  await zoe.getByTestId("join-submit").click();
  await expect(zoe).toHaveURL(zoeUrl);

  // the experimenter gives seat 1 a new link: the old one stops working, the new one opens the seat
  const oldHref = await admin.getByTestId("participant-link-0").getAttribute("href");
  await admin.getByTestId("reissue-0").click();
  await admin.getByTestId("reissue-confirm-0").click();
  await expect(admin.getByTestId("participant-link-0")).not.toHaveAttribute("href", oldHref!);
  await expect(zoe.getByTestId("link-error")).toBeVisible();
  const fresh = await admin.getByTestId("participant-link-0").getAttribute("href");
  const phone = await person(browser);
  await phone.goto(fresh!);
  await expect(phone.getByTestId("my-seat")).toHaveText("Zoë O'Brien-Smith · Seat 1");
});

test("a person can say they do not agree, and a quiz with one attempt ends the part of whoever gets it wrong", async ({ browser }) => {
  const { admin, code } = await adminWithTreatment(browser, {
    name: "consent and quiz",
    game: "ids-investment",
    params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 1, decisionSeconds: 120, resultsSeconds: null },
    intro: { consent: "Do you agree to take part?", quiz: [{ question: "Who pays for security?", options: ["nobody", "you"], answer: 1 }], quizMaxAttempts: 1 },
    completionUrl: `http://127.0.0.1:${PORT}/?completed=STUDYCODE`,
  });
  const link = (pid: string) => `/join?code=${code}&PROLIFIC_PID=${pid}&STUDY_ID=study1&SESSION_ID=sess-${pid}`;

  const dana = await person(browser);
  await dana.goto(link("5f0000000000000000000d01"));
  await expect(dana).toHaveURL(/\/p\/[^/]+$/);
  // "I do not agree" asks once more; "Back" returns to the consent
  await dana.getByTestId("consent-decline").click();
  await expect(dana.getByTestId("decline-confirm")).toContainText("you take no part in this study");
  await dana.getByTestId("decline-back").click();
  await dana.getByTestId("consent-decline").click();
  await dana.getByTestId("decline-yes").click();
  await expect(dana.getByTestId("left-before-play")).toContainText("please return the study there instead of submitting it");
  await expect(dana.getByTestId("completion-code")).toHaveCount(0);
  await expect(dana.getByTestId("redirect-link")).toHaveCount(0);
  await expect(admin.getByTestId("stage-0")).toHaveText("declined the consent");

  const eve = await person(browser);
  await eve.goto(link("5f0000000000000000000e02"));
  await expect(eve).toHaveURL(/\/p\/[^/]+$/);
  await eve.getByTestId("consent-accept").click();
  await eve.getByTestId("instructions-continue").click();
  await expect(eve.getByTestId("quiz-attempts-left")).toHaveText("You have 1 attempt left.");
  await eve.getByTestId("quiz-option-0-0").check();
  await eve.getByTestId("quiz-submit").click();
  await expect(eve.getByTestId("left-before-play")).toContainText("not answered correctly within the attempts allowed");
  await expect(eve.getByTestId("completion-code")).toHaveCount(0);
  await expect(admin.getByTestId("stage-1")).toHaveText("failed the quiz (no attempts left)");
});
