/**
 * Layout on a small phone and on the instructor's monitor: a 40-character label without spaces does not push
 * any participant screen wider than a 360 px phone, a label over 40 characters is not cut silently, the quiz
 * question stays inside its (red) box after a wrong check, the SSG payoff table fits a 320 px phone, and the
 * monitor's participants table fits its card at 1440 px.
 */
import { expect, test, type Page } from "@playwright/test";
import { createSessionFromExample } from "./steps";

const LONG_LABEL = "A".repeat(40);

/** The page is no wider than the phone: nothing scrolls sideways. */
async function expectNoSideScroll(p: Page, where: string) {
  const widths = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect.soft(widths.scroll, `page width on the ${where} screen`).toBeLessThanOrEqual(widths.client);
}

test("a long unbroken label fits a 360 px phone on every screen; the quiz question stays inside its box", async ({ browser }) => {
  const { admin } = await createSessionFromExample(browser, "ssg-defense-uncoordinated-3.json", "ssg-defense");
  await admin.setViewportSize({ width: 1440, height: 900 });
  const code = (await admin.getByTestId("room-code").textContent())!.trim();

  const phone = await (await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true })).newPage();
  await phone.goto(`/join?code=${code}`);
  await expect(phone.getByTestId("join-code")).toHaveValue(code);

  await phone.getByTestId("join-label").fill(LONG_LABEL);
  await phone.getByTestId("join-submit").click();
  await expect(phone).toHaveURL(/\/p\/[^/]+$/);
  await expect(phone.getByTestId("my-seat")).toHaveText(`${LONG_LABEL} · Seat 1`);
  await expectNoSideScroll(phone, "consent");

  await phone.getByTestId("consent-accept").click();
  await phone.getByTestId("instructions-continue").click();
  await expectNoSideScroll(phone, "quiz");

  // "Check my answers" with nothing chosen: the first question's box turns red; its two-line question sits inside
  await phone.getByTestId("quiz-submit").click();
  const fieldset = phone.locator("fieldset.wrong");
  await expect(fieldset).toHaveCount(1);
  const box = await fieldset.evaluate((f) => {
    const legend = f.querySelector("legend")!;
    const fs = f.getBoundingClientRect();
    const lg = legend.getBoundingClientRect();
    const style = getComputedStyle(f);
    const contentTop = fs.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop);
    const lineHeight = parseFloat(getComputedStyle(legend).lineHeight);
    return { legendTop: lg.top, legendBottom: lg.bottom, contentTop, fieldsetBottom: fs.bottom, lines: Math.round(lg.height / lineHeight) };
  });
  expect(box.lines, "the question wraps on a phone (what this test is about)").toBeGreaterThanOrEqual(2);
  expect.soft(box.legendTop, "question below the box's top border").toBeGreaterThanOrEqual(box.contentTop - 0.5);
  expect.soft(box.legendBottom).toBeLessThanOrEqual(box.fieldsetBottom);
  await expectNoSideScroll(phone, "quiz (after a wrong check)");

  await phone.getByTestId("quiz-option-0-1").check();
  await phone.getByTestId("quiz-submit").click();
  await expect(phone.getByTestId("waiting-room")).toBeVisible();
  await expectNoSideScroll(phone, "waiting");

  // the monitor at 1440 px: the participants table (with the long label and every seat's bot controls) fits its card
  await expect(admin.getByTestId("monitor-row-0")).toContainText(LONG_LABEL);
  const fit = await admin.getByTestId("monitor-row-0").evaluate((row) => {
    const wrap = row.closest(".table-wrap")!;
    const card = wrap.closest(".card")!.getBoundingClientRect();
    const table = wrap.querySelector("table")!.getBoundingClientRect();
    return { wrapScroll: wrap.scrollWidth, wrapClient: wrap.clientWidth, tableRight: table.right, cardRight: card.right };
  });
  expect.soft(fit.wrapScroll, "the table needs no sideways scrolling in its card").toBeLessThanOrEqual(fit.wrapClient);
  expect.soft(fit.tableRight).toBeLessThanOrEqual(fit.cardRight);
  const button = (await admin.getByTestId("cmd-replace-2").boundingBox())!;
  expect.soft(button.x + button.width, "the seat's bot button is not cut off at the card's edge").toBeLessThanOrEqual(fit.cardRight);

  await admin.getByTestId("cmd-fill-bots").click();
  await admin.getByTestId("cmd-fill-bots-confirm").click();
  await expect(phone.getByTestId("phase-decide")).toBeVisible();
  await expect(phone.getByTestId("my-seat")).toHaveText(`${LONG_LABEL} · Seat 1`);
  await expectNoSideScroll(phone, "play");

  // the payoff table on a 320 px phone: a card per target, nothing cut, no sideways scrolling inside its box
  await phone.setViewportSize({ width: 320, height: 640 });
  const payoffs = await phone.getByTestId("ssg-payoffs").evaluate((table) => {
    const wrap = table.closest(".table-wrap")!;
    const box = wrap.getBoundingClientRect();
    const cells = [...table.querySelectorAll("td.num")].map((td) => td.getBoundingClientRect());
    return { scroll: wrap.scrollWidth, client: wrap.clientWidth, cellsInside: cells.every((c) => c.right <= box.right + 0.5 && c.left >= box.left - 0.5), cells: cells.length };
  });
  expect.soft(payoffs.scroll, "the payoff table fits its box at 320 px").toBeLessThanOrEqual(payoffs.client);
  expect.soft(payoffs.cellsInside, "every payoff pair is inside the box").toBe(true);
  expect(payoffs.cells).toBe(8); // 4 targets × (you, attacker)
  await expectNoSideScroll(phone, "play at 320 px");
});

test("the join form says so when a label is over 40 characters instead of cutting it", async ({ browser }) => {
  const { admin } = await createSessionFromExample(browser, "ids-investment-3.json");
  const code = (await admin.getByTestId("room-code").textContent())!.trim();
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 640 } })).newPage();
  await phone.goto(`/join?code=${code}`);
  await expect(phone.getByTestId("join-code")).toHaveValue(code);

  // kept as typed (a pasted or typed 41st character is not dropped), and the student is told why it cannot be sent
  await phone.getByTestId("join-label").fill(`${LONG_LABEL}B`);
  await expect(phone.getByTestId("join-label")).toHaveValue(`${LONG_LABEL}B`);
  await expect(phone.getByTestId("join-label-too-long")).toHaveText("Your label has 41 characters: at most 40 fit. Please shorten it.");
  await expect(phone.getByTestId("join-label")).toHaveAttribute("aria-invalid", "true");
  await phone.getByTestId("join-submit").click();
  await expect(phone).toHaveURL(/\/join\?/);
  await expect(phone.getByTestId("join-label")).toBeFocused();
  await expectNoSideScroll(phone, "join");
  // counted as the server counts: spaces around the label do not count, an accent typed as its own character does not either
  await phone.getByTestId("join-label").fill(`  ${"A".repeat(39)}e\u0301  `);
  await expect(phone.getByTestId("join-label-too-long")).toHaveCount(0);
  await phone.getByTestId("join-submit").click();
  await expect(phone).toHaveURL(/\/p\/[^/]+$/);
  await expect(phone.getByTestId("my-seat")).toHaveText(`${"A".repeat(39)}\u00e9 · Seat 1`);
});
