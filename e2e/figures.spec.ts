/**
 * End to end, figures and the session report: the New Session page's launch check draws the CIP figures
 * around the chosen treatment (its point marked, the numbers behind each figure) and the IDS paper's
 * examples for a Pivotal treatment (its N and cost spread marked); the unregulated IDS game shows none.
 * An all-bot CIP session runs to its end, the experimenter downloads report.html from the monitor, and
 * the file opens in a browser that is offline, with every chart drawn and nothing requested.
 */
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession } from "./steps";

async function login(page: Page) {
  await page.goto("/admin");
  await page.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await page.getByTestId("admin-login").click();
}

const FIGURES = ["cip-cc-utility-vs-resources", "cip-cc-utility-vs-type-mix", "cip-cc-utility-vs-payment-cost"];

test("launch check: CIP figures around the treatment, the IDS paper's examples for Pivotal, none for the unregulated game", async ({ page }) => {
  await login(page);
  await page.getByTestId("treatment-select").selectOption("cip-contracts-menu-4.json");
  await expect(page.getByTestId("treatment-json")).toHaveValue(/"game": "cip-contracts"/);
  await page.getByTestId("treatment-validate").click();
  await expect(page.getByTestId("launch-check")).toBeVisible();
  await expect(page.getByTestId("launch-figures")).toBeVisible();
  for (const id of FIGURES) {
    const fig = page.getByTestId(`launch-figure-${id}`);
    await expect(fig).toBeVisible();
    // the server-drawn SVG loaded as an image
    await expect.poll(() => fig.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
  await expect(page.getByTestId("launch-figure-cip-cc-utility-vs-resources")).toHaveAttribute("data-marker-x", "650");
  await expect(page.getByTestId("launch-figure-cip-cc-utility-vs-payment-cost")).toHaveAttribute("data-marker-x", "0.5");
  // the numbers: the marked row is the treatment's own point, whose menu value is the launch check's CC objective
  const fig = page.getByTestId("launch-figure-cip-cc-utility-vs-resources");
  await fig.locator("summary").click();
  const marked = page.getByTestId("launch-figure-table-cip-cc-utility-vs-resources").locator('tr[data-marked="true"] td');
  await expect(marked.nth(0)).toHaveText("650");
  await expect(marked.nth(1)).toHaveText("3,155");
  await expect(page.getByTestId("prediction-CC objective Σ α_k U_CC(k)")).toContainText("3,155");

  // an IDS Pivotal treatment: the paper's examples, its N = 4 and cost spread marked
  await page.getByTestId("treatment-select").selectOption("ids-pivotal-full-4.json");
  await expect(page.getByTestId("treatment-json")).toHaveValue(/"game": "ids-pivotal"/);
  await page.getByTestId("treatment-validate").click();
  await expect(page.getByTestId("launch-figures")).toContainText("budget and voluntary participation");
  for (const id of ["ids-budget-vs-users", "ids-budget-vs-cost-spread", "ids-participation-vs-users", "ids-participation-vs-cost-spread"]) {
    const fig = page.getByTestId(`launch-figure-${id}`);
    await expect(fig).toBeVisible();
    await expect.poll(() => fig.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
  await expect(page.getByTestId("launch-figure-ids-budget-vs-users")).toHaveAttribute("data-marker-x", "4");
  await expect(page.getByTestId("launch-figure-ids-participation-vs-cost-spread")).toHaveAttribute("data-marker-x", "1.125");
  await page.getByTestId("launch-figure-ids-budget-vs-users").locator("summary").click();
  await expect(page.getByTestId("launch-figure-table-ids-budget-vs-users").locator('tr[data-marked="true"] td').first()).toHaveText("4");
  if (process.env.MECHLAB_SCREENSHOTS === "1") {
    await page.getByTestId("launch-figure-ids-budget-vs-users").locator("summary").click(); // the table closed again
    await page.getByTestId("launch-figures").screenshot({ path: "docs/games/ids-pivotal-launch-figures.png" });
  }

  await page.getByTestId("treatment-select").selectOption("ids-investment-3.json");
  await page.getByTestId("treatment-validate").click();
  await expect(page.getByTestId("launch-check")).toBeVisible();
  await expect(page.getByTestId("launch-figures")).toHaveCount(0);
});

test("report.html: downloaded from the monitor, opens offline with every chart", async ({ page, browser }) => {
  await login(page);
  await page.getByTestId("treatment-select").selectOption("cip-contracts-menu-4.json");
  await expect(page.getByTestId("treatment-json")).toHaveValue(/"game": "cip-contracts"/);
  const t = JSON.parse(await page.getByTestId("treatment-json").inputValue());
  const allBots = { ...t, name: "Report <b>check</b>", params: { ...t.params, rounds: 2, resultsSeconds: null }, bots: { seats: ["truthful", "mimic", "random", "truthful"], delayMs: 0 } };
  await page.getByTestId("treatment-json").fill(JSON.stringify(allBots, null, 2));
  await page.getByTestId("treatment-validate").click();
  await expect(page.getByTestId("treatment-summary")).toBeVisible();
  await page.getByTestId("session-create").click();
  await expect(page).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  await openSession(page);
  await expect(page.getByTestId("session-status")).toHaveText(/ended/, { timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-report").click()]);
  expect(download.suggestedFilename()).toMatch(/^mechlab-[0-9a-f-]{8}-report\.html$/);
  // saved under its own name: a browser opens a file by its extension
  const path = join(mkdtempSync(join(tmpdir(), "mechlab-report-")), download.suggestedFilename());
  await download.saveAs(path);
  const html = await readFile(path, "utf8");
  expect(html).toContain("Report &lt;b&gt;check&lt;/b&gt;");
  expect(html).not.toMatch(/<script/i);

  // offline, from the file: every chart is drawn and nothing is requested
  const ctx = await browser.newContext();
  await ctx.setOffline(true);
  const offline = await ctx.newPage();
  const requests: string[] = [];
  offline.on("request", (r) => {
    if (!r.url().startsWith("file:")) requests.push(r.url());
  });
  await offline.goto(`file://${path}`);
  await expect(offline.getByTestId("report-title")).toHaveText("Report <b>check</b>");
  const charts = offline.locator("figure.chart");
  const n = await charts.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) {
    const box = await charts.nth(i).locator("svg").first().boundingBox();
    expect(box && box.width > 100 && box.height > 100, `chart ${i} drawn`).toBe(true);
  }
  await expect(offline.getByTestId("report-rounds").locator("tbody tr")).toHaveCount(2);
  expect(requests).toEqual([]);
  await ctx.close();

  // the study export's report: tick the session on the list, download the pooled report
  const code = (await page.getByTestId("room-code").textContent())!.trim();
  await page.goto("/admin");
  await page.getByTestId(`choose-${code}`).check();
  await page.getByText("Study export across sessions").click();
  const [study] = await Promise.all([page.waitForEvent("download"), page.getByTestId("study-report").click()]);
  expect(study.suggestedFilename()).toBe("mechlab-study-report.html");
  const studyHtml = await readFile((await study.path())!, "utf8");
  expect(studyHtml).toContain("Study report: 1 session");
  expect(studyHtml).toContain("Report &lt;b&gt;check&lt;/b&gt;");
  expect((studyHtml.match(/<svg/g) ?? []).length).toBe(n);
});
