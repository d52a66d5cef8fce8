/**
 * Reusable steps for the browser tests (architecture §6.4 E8): each participant is its own
 * BrowserContext (isolated cookies/storage), and every wait is a web-first assertion, never a sleep.
 */
import { expect, type Browser, type Page } from "@playwright/test";

export const ADMIN_PASSWORD = "e2e-secret";

/** Log in on /admin and create a session from a shipped example treatment; returns the monitor page. */
export async function createSessionFromExample(browser: Browser, file: string, game = "ids-investment") {
  const ctx = await browser.newContext();
  const admin = await ctx.newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-select").selectOption(file);
  await expect(admin.getByTestId("treatment-json")).toHaveValue(new RegExp(`"game": "${game}"`));
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("treatment-summary")).toBeVisible();
  await expect(admin.getByTestId("launch-check")).toBeVisible();
  await admin.getByTestId("session-create").click();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  await expect(admin.getByTestId("room-code")).toHaveText(/^[A-Z0-9]{4,}$/);
  await openSession(admin);
  const sessionId = decodeURIComponent(new URL(admin.url()).pathname.split("/").pop()!);
  return { admin, sessionId };
}

/** New sessions are drafts: open one on its monitor so people can join. */
export async function openSession(admin: Page) {
  await admin.getByTestId("cmd-open").click();
  await expect(admin.getByTestId("draft-notice")).toBeHidden();
}

/** The personal link of each seat, read from the monitor page. */
export async function participantLinks(admin: Page, seats: number): Promise<string[]> {
  const links: string[] = [];
  for (let seat = 0; seat < seats; seat++) {
    const href = await admin.getByTestId(`participant-link-${seat}`).getAttribute("href");
    expect(href, `link of seat ${seat}`).toMatch(/^\/p\/.+/);
    links.push(href!);
  }
  return links;
}

/** Open a personal link in a fresh context (one "person"). */
export async function openAs(browser: Browser, link: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(link);
  return page;
}

/** Consent → instructions → quiz (optionally one wrong try first, which must show the server's hint). */
export async function passIntro(p: Page, quiz: number[], wrongFirst?: { option: number; hint: RegExp }) {
  await p.getByTestId("consent-accept").click();
  await p.getByTestId("instructions-continue").click();
  if (wrongFirst) {
    await p.getByTestId(`quiz-option-0-${wrongFirst.option}`).check();
    await p.getByTestId("quiz-submit").click();
    await expect(p.getByTestId("intro-error")).toContainText(wrongFirst.hint);
  }
  for (const [q, o] of quiz.entries()) await p.getByTestId(`quiz-option-${q}-${o}`).check();
  await p.getByTestId("quiz-submit").click();
}

/** Each link opened by its own person, who passes the intro (`quiz`); the monitor (`admin`) then shows the seat online. */
export async function seatEveryone(browser: Browser, admin: Page, links: readonly string[], quiz: number[]): Promise<Page[]> {
  const people: Page[] = [];
  for (const [seat, link] of links.entries()) {
    const p = await openAs(browser, link);
    people.push(p);
    await passIntro(p, quiz);
    await expect(admin.getByTestId(`presence-${seat}`)).toHaveText("online");
  }
  return people;
}

/** Type an investment and submit it; the screen then says we are waiting. */
export async function invest(p: Page, x: string) {
  await p.getByTestId("invest-input").fill(x);
  await expect(p.getByTestId("cost-preview")).toContainText("Your points");
  await p.getByTestId("invest-submit").click();
  // the last one to decide may go straight to the results
  await expect(p.getByTestId("invest-done").or(p.getByTestId("phase-results"))).toBeVisible();
}

/** "m:ss" on the participant's timer → seconds (NaN when the timer is not showing a time). */
export async function secondsLeft(p: Page): Promise<number> {
  const t = (await p.getByTestId("time-left").textContent()) ?? "";
  const m = /^(\d+):(\d\d)$/.exec(t.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows;
}
