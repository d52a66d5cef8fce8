/**
 * End to end: one person plays the shipped Pivotal example (incomplete information, 3 users) with
 * truthful bots in the other seats: joins and misreports in round 1 (after an out-of-range attempt),
 * stays out in round 2, joins truthfully in round 3; the export holds who joined, the reports and taxes.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createSessionFromExample, openAs, parseCsv, participantLinks, passIntro } from "./steps";

test("a person plays three Pivotal rounds with bots: join + misreport, stay out, join truthfully", async ({ browser }) => {
  const { admin } = await createSessionFromExample(browser, "ids-pivotal-incomplete-3.json", "ids-pivotal");
  const [link] = await participantLinks(admin, 1);
  const me = await openAs(browser, link!);
  await passIntro(me, [0, 1]);
  await admin.getByTestId("cmd-fill-bots").click();
  await admin.getByTestId("cmd-fill-bots-confirm").click();

  // Round 1: join, try an out-of-range report (kept as typed, with the message), then report c = 1.5.
  await expect(me.getByTestId("phase-participate")).toBeVisible();
  await expect(me.getByTestId("param-c")).toHaveText("1");
  await me.getByTestId("join-in").click();
  await expect(me.getByTestId("phase-report")).toBeVisible();
  await expect(me.getByTestId("report-c-input")).toHaveValue("1");
  await me.getByTestId("report-c-input").fill("5");
  await expect(me.getByTestId("report-c-error")).toContainText("Enter a number between 0.5 and 2.");
  await expect(me.getByTestId("report-c-input")).toHaveAttribute("aria-invalid", "true");
  await expect(me.getByTestId("report-submit")).toBeDisabled();
  await expect(me.getByTestId("report-c-input")).toHaveValue("5");
  await me.getByTestId("report-c-input").fill("1,5"); // a decimal comma is read as 1.5
  await me.getByTestId("report-submit").click();
  await expect(me.getByTestId("phase-results")).toBeVisible();
  await expect(me.getByTestId("my-joined")).toHaveText("joined");
  await expect(me.getByTestId("my-tax")).toHaveText(/^-?[\d.,]+$/);
  await expect(me.getByTestId("my-points")).toHaveText(/^-?[\d,]+(\.\d)?$/);
  await me.getByTestId("next-round").click();

  // Round 2: stay out; the computer best-responds for the loner, no tax.
  await expect(me.getByTestId("phase-participate")).toBeVisible();
  await me.getByTestId("join-out").click();
  await expect(me.getByTestId("phase-results")).toBeVisible();
  await expect(me.getByTestId("my-joined")).toHaveText("stayed out");
  await expect(me.getByTestId("my-tax")).toHaveText("none");
  await expect(me.getByTestId("others-table")).toContainText("User 2");
  await me.getByTestId("next-round").click();

  // Round 3: join and send the prefilled (true) report.
  await expect(me.getByTestId("phase-participate")).toBeVisible();
  await me.getByTestId("join-in").click();
  await expect(me.getByTestId("report-alpha-input")).toHaveValue("10");
  await me.getByTestId("report-submit").click();
  await expect(me.getByTestId("phase-results")).toBeVisible();
  await me.getByTestId("next-round").click();
  await expect(me.getByTestId("final-page")).toBeVisible();

  // The export: one row per person and round, with joins, reports and taxes.
  await expect(admin.getByTestId("monitor-row-0")).toContainText("done");
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("download-csv").click()]);
  const csv = parseCsv(await readFile((await download.path())!, "utf8")).filter((r) => r.some((c) => c !== ""));
  const [header, ...rows] = csv;
  const col = (name: string) => header!.indexOf(name);
  for (const name of ["decision_joined", "decision_report_c", "outcome_tax", "outcome_prescribed_x", "outcome_points"]) expect(col(name), name).toBeGreaterThanOrEqual(0);
  expect(rows).toHaveLength(3 * 3);
  const mine = rows.filter((r) => r[col("seat")] === "1").sort((a, b) => Number(a[col("round")]) - Number(b[col("round")]));
  expect(mine.map((r) => r[col("decision_joined")]?.toLowerCase())).toEqual(["true", "false", "true"]);
  expect(mine.map((r) => r[col("decision_report_c")])).toEqual(["1.5", "", "1"]);
  expect(mine[1]![col("outcome_tax")]).toBe("");
});
