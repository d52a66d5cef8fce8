/**
 * The experimenter's pages on a phone (390×844): the session list and the monitor of a CIP and an SSG session,
 * with a group card's round history open, fit the screen. Wide tables scroll sideways inside their own box; the
 * page itself never gets wider than the viewport (it did: a group card grew to its widest table, 764 px in CIP,
 * and the session list's hidden column labels and the study-export select pushed /admin past the screen).
 */
import { expect, test, type Page } from "@playwright/test";
import { createSessionFromExample } from "./steps";

const PHONE = { width: 390, height: 844 };

/** How far the page reaches sideways, next to the viewport's width. */
const widths = (page: Page) =>
  page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));

async function expectFitsPhone(page: Page, what: string) {
  const w = await widths(page);
  expect(w.viewport, `${what}: viewport`).toBe(PHONE.width);
  expect.soft(w.scrollWidth, `${what}: page width ${w.scrollWidth} px on a ${w.viewport} px screen`).toBeLessThanOrEqual(w.viewport);
}

/** A monitor with bots in every seat, the first group's history open once a round is done. */
async function monitorWithHistory(page: Page) {
  await page.getByTestId("cmd-fill-bots").click();
  await page.getByTestId("cmd-fill-bots-confirm").click();
  const group = page.getByTestId("group-g1");
  await expect(group).toBeVisible();
  const history = page.getByTestId("history-g1");
  await expect(history.locator("summary")).toBeVisible({ timeout: 60_000 });
  await history.locator("summary").click();
  await expect(history.locator("tbody tr").first()).toBeVisible();
  return group;
}

test("on a phone, the session list and the CIP and SSG monitors with a group card open fit the screen", async ({ browser }) => {
  const sessions: { game: string; file: string }[] = [
    { game: "cip-contracts", file: "cip-contracts-menu-4.json" },
    { game: "ssg-defense", file: "ssg-defense-uncoordinated-3.json" },
  ];
  let admin: Page | undefined;
  for (const s of sessions) {
    ({ admin } = await createSessionFromExample(browser, s.file, s.game));
    await admin.setViewportSize(PHONE);
    const group = await monitorWithHistory(admin);
    // the group card's wide tables scroll inside it: the card is no wider than the screen...
    const card = await group.boundingBox();
    expect.soft(card!.width, `${s.game}: group card width`).toBeLessThanOrEqual(PHONE.width);
    // ...though at least one of its tables is wider than the screen (so the check is not vacuous)
    const widest = await group.locator("table").evaluateAll((ts) => Math.max(...ts.map((t) => t.getBoundingClientRect().width)));
    expect(widest, `${s.game}: widest table in the group card`).toBeGreaterThan(PHONE.width);
    await expectFitsPhone(admin, `${s.game} monitor`);
  }

  // the session list, with the study export (its treatment select sized to the longest name) open
  await admin!.goto("/admin");
  await expect(admin!.getByTestId("session-list").locator("tbody tr").first()).toBeVisible();
  await expectFitsPhone(admin!, "session list");
  await admin!.locator("summary", { hasText: "Study export across sessions" }).click();
  await expect(admin!.locator("#study-treatment")).toBeVisible();
  await expectFitsPhone(admin!, "session list with the study export open");
});
