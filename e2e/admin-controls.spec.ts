/**
 * The experimenter's controls and the room-code path: field-named treatment errors, joining with a
 * code and a label, filling empty seats with bots, pause/resume as seen by the participant, "End phase
 * now" as the participant reads it (not "time ran out"), and ending the session. Filling seats, ending the
 * phase and ending the session each ask for a confirmation first.
 */
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, openSession, invest } from "./steps";

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

  // round 2: the experimenter ends the step before Alice decides; she is not told that time ran out
  await alice.getByTestId("next-round").click();
  await expect(alice.getByTestId("phase-decide")).toBeVisible();
  await admin.getByTestId("cmd-force-end").click(); // asks first
  await expect(admin.getByRole("alertdialog", { name: "Confirm ending the phase in all groups" })).toBeVisible();
  await expect(alice.getByTestId("phase-decide")).toBeVisible();
  await admin.getByTestId("cmd-force-end-confirm").click();
  await expect(alice.getByTestId("phase-results")).toBeVisible();
  await expect(alice.getByTestId("not-decided")).toHaveText("The experimenter ended this step before you decided, so the default investment was used.");
  await expect(alice.getByTestId("phase-results")).not.toContainText(/time ran out/i);

  await admin.getByTestId("cmd-end").click();
  await admin.getByTestId("cmd-end-confirm").click();
  await expect(alice.getByTestId("final-page")).toBeVisible();
  // the last round's results were on screen: she played every round, so she finished (no early-end notice)
  await expect(alice.getByTestId("final-heading")).toHaveText("Thank you! You have finished.");
  await expect(alice.getByTestId("ended-early")).toHaveCount(0);
  await expect(alice.getByTestId("completion-code")).toHaveText(/\S{4,}/);
  await expect(admin.getByTestId("session-status")).toHaveText("ended");
});
