/**
 * End to end: one person plays the shipped Externality example (the paper's Example 4, 4 users) with
 * adaptive bots in the other seats: sends a message after an out-of-range attempt (kept as typed, with the
 * message; the starting messages, prices included, fit the 390 px phone without sideways scrolling), sees
 * the average investments and the three terms of the tax, finds the next round's form
 * prefilled with that message, sends it again; the export holds the messages and the taxes.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createSessionFromExample, openAs, parseCsv, participantLinks, passIntro } from "./steps";

test("a person plays two Externality rounds with adaptive bots; the export holds the messages", async ({ browser }) => {
  const { admin } = await createSessionFromExample(browser, "ids-externality-4.json", "ids-externality");
  const [link] = await participantLinks(admin, 1);
  const me = await openAs(browser, link!);
  await passIntro(me, [1, 0]);
  await admin.getByTestId("cmd-fill-bots").click();
  await admin.getByTestId("cmd-fill-bots-confirm").click();

  // Round 1: an investment above xMax = 4 is kept as typed with the rule; then a valid message.
  await expect(me.getByTestId("phase-message")).toBeVisible();
  await expect(me.getByTestId("previous-messages")).toBeVisible();
  // on the 390 px phone the starting messages need no sideways scrolling: every sender's prices π are a row in view
  const table = await me.getByTestId("previous-messages").evaluate((card) => {
    const wrap = card.querySelector(".table-wrap")!;
    return { scroll: wrap.scrollWidth, client: wrap.clientWidth, columns: card.querySelectorAll("thead th").length, priceRows: card.querySelectorAll("tr[data-row=pi]").length };
  });
  expect(table.scroll, "the messages table fits its card").toBeLessThanOrEqual(table.client);
  expect(table).toMatchObject({ columns: 5, priceRows: 4 });
  await me.getByTestId("msg-x-0-input").fill("5");
  await expect(me.getByTestId("msg-x-0-error")).toContainText("between 0 and 4");
  await expect(me.getByTestId("message-submit")).toBeDisabled();
  await expect(me.getByTestId("msg-x-0-input")).toHaveValue("5");
  const mine = { x: ["2", "0", "0", "0"], pi: ["0.5", "0.25", "0.25", "0"] };
  for (let j = 0; j < 4; j++) {
    await me.getByTestId(`msg-x-${j}-input`).fill(mine.x[j]!);
    await me.getByTestId(`msg-pi-${j}-input`).fill(mine.pi[j]!);
  }
  await expect(me.getByTestId("preview-tax")).toHaveText(/^-?[\d.,]+$/);
  await me.getByTestId("message-submit").click();
  await expect(me.getByTestId("phase-results")).toBeVisible();
  await expect(me.getByTestId("res-messages")).toBeVisible();
  for (const id of ["res-lindahl", "res-disagreement", "res-redistribution", "res-tax", "my-x"]) await expect(me.getByTestId(id)).toHaveText(/^-?[\d.,]+$/);
  await expect(me.getByTestId("my-points")).toHaveText(/^-?[\d,]+(\.\d)?$/);
  await me.getByTestId("next-round").click();

  // Round 2: the form is prefilled with my round-1 message; send it unchanged.
  await expect(me.getByTestId("phase-message")).toBeVisible();
  for (let j = 0; j < 4; j++) await expect(me.getByTestId(`msg-x-${j}-input`)).toHaveValue(mine.x[j]!);
  await expect(me.getByTestId("msg-pi-0-input")).toHaveValue(mine.pi[0]!);
  await me.getByTestId("message-submit").click();
  await expect(me.getByTestId("phase-results")).toBeVisible();
  await me.getByTestId("next-round").click(); // a round is stored when its results screen closes
  await expect(me.getByTestId("phase-message")).toBeVisible();

  // The export so far: one row per user and finished round, my message as sent, taxes that sum to zero.
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("download-csv").click()]);
  const csv = parseCsv(await readFile((await download.path())!, "utf8")).filter((r) => r.some((c) => c !== ""));
  const [header, ...rows] = csv;
  const col = (name: string) => header!.indexOf(name);
  for (const name of ["decision_x_1", "decision_pi_1", "outcome_tax", "outcome_lindahl", "group_distance_to_eq"]) expect(col(name), name).toBeGreaterThanOrEqual(0);
  expect(rows).toHaveLength(2 * 4);
  const mineRows = rows.filter((r) => r[col("seat")] === "1").sort((a, b) => Number(a[col("round")]) - Number(b[col("round")]));
  expect(mineRows.map((r) => [r[col("decision_x_1")], r[col("decision_pi_1")]])).toEqual([["2", "0.5"], ["2", "0.5"]]);
  for (const round of ["1", "2"]) {
    const taxes = rows.filter((r) => r[col("round")] === round).map((r) => Number(r[col("outcome_tax")]));
    expect(Math.abs(taxes.reduce((a, b) => a + b, 0))).toBeLessThan(1e-6);
  }
});
