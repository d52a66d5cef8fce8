/**
 * End to end, CIP contracts: an experimenter creates a session from the shipped demo treatment (three
 * bots: truthful, mimic, random); one person (seat 4, type 4) passes the intro and plays both rounds,
 * answering every offer and re-offer with the contract designed for their type; a reload keeps the
 * selected contract; the monitor shows the CC utility vs the equal split and the IC rate; the exported
 * data has one row per seat and round with the person's contract and true type.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession, openAs, parseCsv, participantLinks, passIntro } from "./steps";

async function createSession(browser: Browser) {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-select").selectOption("cip-contracts-menu-demo-bots.json");
  await expect(admin.getByTestId("treatment-json")).toHaveValue(/"game": "cip-contracts"/);
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("treatment-summary")).toBeVisible();
  await admin.getByTestId("session-create").click();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  await openSession(admin);
  const sessionId = decodeURIComponent(new URL(admin.url()).pathname.split("/").pop()!);
  return { admin, sessionId };
}

/** Answer the offer and every re-offer with contract 4 until the results show. */
async function playRound(p: Page, round: number) {
  await expect(p.getByTestId("round-number")).toHaveText(`${round} of 2`);
  const results = p.getByTestId("phase-results");
  for (let offers = 0; offers < 5; offers++) {
    const option = p.getByTestId("cip-option-4");
    await expect(option.or(results)).toBeVisible();
    if (await results.isVisible()) return;
    await expect(p.getByTestId("cip-my-type")).toHaveText("4");
    await expect(p.getByTestId("cip-submit")).toBeDisabled();
    await option.check();
    if (round === 1 && offers === 0) {
      // the selection survives a reload
      await p.reload();
      await expect(p.getByTestId("cip-option-4")).toBeChecked();
    }
    await expect(p.getByTestId("cip-submit")).toHaveText("Accept contract 4");
    await p.getByTestId("cip-submit").click();
    // two of these can show at once (e.g. the answer notice and a re-offer): wait for any one of them
    await expect(p.getByTestId("cip-answered").or(results).or(p.getByTestId("cip-reoffer")).first()).toBeVisible();
    await expect(p.getByTestId("cip-answered").or(results).or(p.getByTestId("cip-option-4")).first()).toBeVisible();
  }
  await expect(results).toBeVisible();
}

test("one person plays the CIP menu with three bots; monitor and data show the contract and the IC rate", async ({ browser }) => {
  test.setTimeout(60_000);
  const { admin, sessionId } = await createSession(browser);
  const links = await participantLinks(admin, 4);
  for (let seat = 0; seat < 3; seat++) await expect(admin.getByTestId(`presence-${seat}`)).toHaveText("bot");

  const me = await openAs(browser, links[3]!);
  await passIntro(me, [1, 0]);

  for (const round of [1, 2]) {
    await expect(me.getByTestId("phase-offer").or(me.getByTestId("phase-results"))).toBeVisible();
    await playRound(me, round);
    const status = me.getByTestId("cip-result-status");
    await expect(status).toHaveAttribute("data-status", /^(signed|partial|unserved)$/);
    const s = await status.getAttribute("data-status");
    await expect(me.getByTestId("cip-result-points")).toHaveText(/^\d[\d,]*(\.\d)?$/);
    if (s === "signed") {
      await expect(me.getByTestId("cip-result-contract")).toHaveText("4 (yours)");
      await expect(me.getByTestId("cip-result-points")).not.toHaveText("100");
    }
    if (round === 1) {
      // the results screen is untimed: the group is still playing, so the monitor shows the round
      await expect(admin.getByText("IC rate (own contract)")).toBeVisible();
      await expect(admin.getByText("CC utility, equal split R/N")).toBeVisible();
      await expect(admin.getByText("Algorithm 1 log")).toBeVisible();
    }
    await me.getByTestId("cip-next-round").click();
  }
  await expect(me.getByTestId("final-page")).toBeVisible();
  await expect(me.getByTestId("total-points")).toHaveText(/\d/);

  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("download-csv").click()]);
  const csv = parseCsv(await readFile((await download.path())!, "utf8")).filter((r) => r.some((c) => c !== ""));
  const [header, ...rows] = csv;
  const col = (name: string) => header!.indexOf(name);
  for (const c of ["decision_contract", "outcome_true_type", "outcome_status", "group_ic_rate", "group_cc_utility", "group_equal_split_cc_utility"])
    expect(col(c), `column ${c} in ${header!.join(",")}`).toBeGreaterThanOrEqual(0);
  expect(rows).toHaveLength(4 * 2);
  for (const row of rows) {
    expect(row[col("session")]).toBe(sessionId);
    if (row[col("seat")] === "4") {
      expect(row[col("decision_contract")]).toBe("4");
      expect(row[col("outcome_true_type")]).toBe("4");
      expect(row[col("is_bot")]?.toLowerCase()).toBe("false");
    }
  }
});
