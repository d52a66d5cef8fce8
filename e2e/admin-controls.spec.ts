/**
 * The experimenter's controls and the room-code path: field-named treatment errors, joining with a
 * code and a label, filling empty seats with bots, pause/resume as seen by the participant, "End phase
 * now" as the participant reads it (not "time ran out"), and ending the session. Filling seats, ending the
 * phase and ending the session each ask for a confirmation first. A seat whose person left in the intro
 * holds up play after the fill: the monitor says who play waits for.
 */
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, openSession, invest } from "./steps";
import { botsEverywhere, createPatched } from "./chart-steps";

test("room-code join, bots fill the group, pause blocks input, ending shows the final page", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill("wrong");
  await admin.getByTestId("admin-login").click();
  await expect(admin.getByTestId("admin-login-error")).toContainText("Wrong password");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();

  await admin
    .getByTestId("treatment-json")
    .fill(JSON.stringify({ name: "broken", game: "ids-investment", params: { alpha: [1, -2], W: [[1, 0], [0, 1]], c: [1, 1] } }));
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("treatment-errors")).toContainText("params.alpha[1]");

  await admin.getByTestId("treatment-select").selectOption("ids-investment-3.json");
  await admin.getByTestId("session-create").click();
  await openSession(admin);
  const code = (await admin.getByTestId("room-code").textContent())!.trim();

  const alice = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await alice.goto(`/join?code=${code}`);
  await expect(alice.getByTestId("join-code")).toHaveValue(code);
  await alice.getByTestId("join-label").fill("Alice");
  await alice.getByTestId("join-submit").click();
  await expect(alice).toHaveURL(/\/p\/[^/]+$/);
  await alice.getByTestId("consent-accept").click();
  await alice.getByTestId("instructions-continue").click();
  await alice.getByTestId("quiz-option-0-1").check();
  await alice.getByTestId("quiz-submit").click();
  await expect(alice.getByTestId("waiting-room")).toContainText("2 more participants");
  await expect(admin.getByTestId("monitor-row-0")).toContainText("Alice");

  await admin.getByTestId("cmd-fill-bots").click(); // asks first: nothing is filled until confirmed
  await expect(admin.getByRole("alertdialog", { name: "Confirm filling the empty seats with bots" })).toContainText("Fill the 2 empty seats with bots");
  // by default a latecomer takes such a seat over: the question says so (not "nobody can join them")
  await expect(admin.getByRole("alertdialog", { name: "Confirm filling the empty seats with bots" })).toContainText("A latecomer who joins with the room code takes over one of them");
  await expect(admin.getByTestId("presence-1")).not.toHaveText("bot");
  await admin.getByTestId("cmd-fill-bots-confirm").click();
  await expect(alice.getByTestId("phase-decide")).toBeVisible();
  await expect(admin.getByTestId("presence-1")).toHaveText("bot");
  await expect(admin.getByTestId("presence-2")).toHaveText("bot");

  await admin.getByTestId("cmd-pause").click();
  await expect(alice.getByTestId("paused-banner")).toBeVisible();
  await alice.getByTestId("invest-input").fill("2");
  await expect(alice.getByTestId("invest-submit")).toBeDisabled();
  await admin.getByTestId("cmd-resume").click();
  await expect(alice.getByTestId("paused-banner")).toBeHidden();
  await invest(alice, "2");
  await expect(alice.getByTestId("phase-results")).toBeVisible();
  await expect(alice.getByTestId("not-decided")).toHaveCount(0);

  // a latecomer: every seat is taken, two by the bots just filled in: she joins with the room code, takes over
  // one of their seats, reads the intro while its bot plays on, then plays the seat herself
  const bea = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await bea.goto(`/join?code=${code}`);
  await bea.getByTestId("join-label").fill("Bea");
  await bea.getByTestId("join-submit").click();
  await expect(bea).toHaveURL(/\/p\/[^/]+$/);
  await expect(admin.locator("[data-testid^='monitor-row-']", { hasText: "Bea" })).toContainText("latecomer reading (consent)");
  await bea.getByTestId("consent-accept").click();
  await bea.getByTestId("instructions-continue").click();
  await bea.getByTestId("quiz-option-0-1").check();
  await bea.getByTestId("quiz-submit").click();
  await expect(bea.getByTestId("phase-results").or(bea.getByTestId("phase-decide"))).toBeVisible();
  await expect(admin.locator("[data-testid^='monitor-row-']", { hasText: "Bea" })).not.toContainText("latecomer reading");
  if (await bea.getByTestId("next-round").isVisible()) await bea.getByTestId("next-round").click();
  // the monitor's personal links name her seat's person, and show its link as a QR code
  const beaLabel = admin.locator("[data-testid^='link-label-']", { hasText: "Bea" });
  await expect(beaLabel).toHaveCount(1);
  const beaSeat = (await beaLabel.getAttribute("data-testid"))!.replace("link-label-", "");
  await admin.getByTestId(`qr-link-${beaSeat}`).click();
  await expect(admin.getByTestId(`qr-link-img-${beaSeat}`)).toHaveAttribute("data-qr-text", /\/p\/[^/]+$/);

  // round 2: the experimenter ends the step before Alice decides; she is not told that time ran out
  await alice.getByTestId("next-round").click();
  await expect(alice.getByTestId("phase-decide")).toBeVisible();
  // Bea's first decision: round 1 was her seat's bot's, not hers, and its points are in her total
  await expect(bea.getByTestId("phase-decide")).toBeVisible();
  await expect(bea.getByTestId("last-round")).toContainText("A bot played your seat last round: it invested");
  await expect(bea.getByTestId("bot-before-you")).toContainText("Before you took this seat over, a bot played its first round");
  await expect(alice.getByTestId("last-round")).toContainText("Last round you invested 2");
  await admin.getByTestId("cmd-force-end").click(); // asks first
  await expect(admin.getByRole("alertdialog", { name: "Confirm ending the phase in all groups" })).toContainText("End the decision step of the 1 group deciding now?");
  await expect(alice.getByTestId("phase-decide")).toBeVisible();
  await admin.getByTestId("cmd-force-end-confirm").click();
  await expect(alice.getByTestId("phase-results")).toBeVisible();
  await expect(alice.getByTestId("not-decided")).toHaveText("The experimenter ended this step before you decided, so the default investment was used.");
  await expect(alice.getByTestId("phase-results")).not.toContainText(/time ran out/i);

  await admin.getByTestId("cmd-end").click();
  await admin.getByTestId("cmd-end-confirm").click();
  await expect(alice.getByTestId("final-page")).toBeVisible();
  await expect(bea.getByTestId("final-page")).toBeVisible();
  // the last round's results were on screen: she played every round, so she finished (no early-end notice)
  await expect(alice.getByTestId("final-heading")).toHaveText("Thank you! You have finished.");
  await expect(alice.getByTestId("ended-early")).toHaveCount(0);
  await expect(alice.getByTestId("completion-code")).toHaveText(/\S{4,}/);
  await expect(admin.getByTestId("session-status")).toHaveText("ended");
});

test("a student who left at the consent page holds up play after the fill: the monitor says who play waits for, and Replace by bot starts it (instructor review C11)", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-select").selectOption("ids-investment-3.json");
  await admin.getByTestId("session-create").click();
  await openSession(admin);
  const code = (await admin.getByTestId("room-code").textContent())!.trim();

  const join = async (label: string) => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`/join?code=${code}`);
    await page.getByTestId("join-label").fill(label);
    await page.getByTestId("join-submit").click();
    await expect(page).toHaveURL(/\/p\/[^/]+$/);
    return page;
  };
  // Lu joins and closes the tab on the consent page
  const lu = await join("Lu");
  await expect(lu.getByTestId("consent-accept")).toBeVisible();
  await lu.context().close();
  const luRow = admin.locator("[data-testid^='monitor-row-']", { hasText: "Lu" });
  await expect(luRow).toContainText("offline");
  // Ana reaches the waiting room
  const ana = await join("Ana");
  await ana.getByTestId("consent-accept").click();
  await ana.getByTestId("instructions-continue").click();
  await ana.getByTestId("quiz-option-0-1").check();
  await ana.getByTestId("quiz-submit").click();
  await expect(ana.getByTestId("waiting-room")).toBeVisible();
  await expect(admin.getByTestId("play-waits")).toHaveCount(0); // a seat is still empty

  // the fill's question names Lu's seat: not filled, and play may wait for her
  await admin.getByTestId("cmd-fill-bots").click();
  const ask = admin.getByRole("alertdialog", { name: "Confirm filling the empty seats with bots" });
  await expect(ask).toContainText("1 seat is held by a person offline in the intro: seat");
  await expect(ask).toContainText("Lu (offline less than a minute, at the consent). It is not filled, and play may wait for them");
  await admin.getByTestId("cmd-fill-bots-confirm").click();
  await expect(ana.getByTestId("waiting-room")).toBeVisible();
  // the monitor says who play waits for, with the seat's buttons
  await expect(admin.getByTestId("play-waits-headline")).toHaveText(/^Play waits for 1 person still in the intro: seat \d+ Lu \(offline (less than a minute|1 min), at the consent\)\.$/);
  await expect(admin.getByTestId("play-waits")).toContainText("Every seat is taken and 2 seats are ready in the waiting room");
  await admin.locator("[data-testid^='play-waits-replace-']").click();
  await expect(ana.getByTestId("phase-decide")).toBeVisible();
  await expect(admin.getByTestId("play-waits")).toHaveCount(0);
});

test("a big session's monitor: the participant table scrolls in its box under a fixed header, the live charts stay a short scroll away, the heading counts who is where", async ({ browser }) => {
  // 10 groups of 3: 27 bot seats, 3 left empty
  const admin = await createPatched(browser, "ids-investment-3.json", (t) => {
    t.groups = 10;
    botsEverywhere("socialOptimum", 30, 3)(t);
  });
  await expect(admin.getByTestId("monitor-presence-summary")).toHaveText("30 seats: 27 bots, 3 not joined");
  const box = admin.getByTestId("monitor-table");
  await expect(admin.getByTestId("monitor-row-29")).toBeAttached();
  const look = await admin.evaluate(() => {
    const table = document.querySelector("[data-testid='monitor-table']")!;
    const charts = document.querySelector("[data-testid='charts']")!;
    return {
      boxHeight: table.getBoundingClientRect().height,
      scrolls: table.scrollHeight > table.clientHeight,
      chartsBelowTableTop: charts.getBoundingClientRect().top - table.getBoundingClientRect().top,
      viewport: window.innerHeight,
    };
  });
  expect(look.scrolls).toBe(true);
  expect(look.boxHeight).toBeLessThanOrEqual(0.7 * look.viewport + 1);
  expect(look.chartsBelowTableTop).toBeLessThan(1.2 * look.viewport);
  // the header stays at the top of the box when it is scrolled to the last seat
  await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const header = await box.evaluate((el) => el.querySelector("thead th")!.getBoundingClientRect().top - el.getBoundingClientRect().top);
  expect(Math.abs(header)).toBeLessThan(2);
  // and the last seat's row is inside the box, under the header
  const last = await box.evaluate((el) => {
    const row = el.querySelector("[data-testid='monitor-row-29']")!.getBoundingClientRect();
    const b = el.getBoundingClientRect();
    return { top: row.top - b.top, bottom: b.bottom - row.bottom };
  });
  expect(last.top).toBeGreaterThan(0);
  expect(last.bottom).toBeGreaterThanOrEqual(-1);
});
