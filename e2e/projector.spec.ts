/**
 * The classroom flow on the projector, with a person and bots: before play the room code in the largest
 * type, the join URL, its QR code and how many joined (and, opened on 127.0.0.1, the warning that phones
 * cannot open it); a student joins with the room code and a name; during play the round, time left,
 * "Paused" while paused, no charts while the one group plays (they would show its own numbers; the
 * monitor has them) and the leaderboard of people (bot seats are not ranked) over the rounds every group
 * has finished; after the session the charts with their theory lines (updated from the feed, never
 * reloaded) and the debrief. The page never holds a completion code or a link token. A treatment can hide the leaderboard.
 */
import { expect, test } from "@playwright/test";
import { botsEverywhere, chartData, chartsFitPhone, createPatched, openProjector } from "./chart-steps";
import { invest, openAs, openSession, participantLinks, passIntro } from "./steps";

const SHOTS = process.env.MECHLAB_SCREENSHOTS === "1";

test("projector: QR and join URL, a student joins by room code, live charts and leaderboard, debrief; no private data", async ({ browser }) => {
  const admin = await createPatched(browser, "ids-investment-3.json", (t) => {
    botsEverywhere("socialOptimum", 3, 1)(t);
    t.leaderboard = { show: true, top: 3 };
  });
  const code = (await admin.getByTestId("room-code").textContent())!.trim();
  const links = await participantLinks(admin, 3);
  const projector = await openProjector(admin);
  for (const page of [projector, admin]) await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  // before play: the join URL, its QR code, and how many joined (the two bot seats)
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "before");
  const joinUrl = (await projector.getByTestId("projector-join-url").textContent())!.trim();
  expect(joinUrl).toBe(`${new URL(projector.url()).origin}/join?code=${code}`);
  await expect(projector.getByTestId("projector-room-code")).toHaveText(code);
  // the server listens on 127.0.0.1 only and MECHLAB_PUBLIC_URL is unset: both screens say phones cannot open this address
  await expect(projector.getByTestId("projector-join-warning")).toHaveText(/^Phones cannot open 127\.0\.0\.1: .*MECHLAB_PUBLIC_URL/);
  await expect(admin.getByTestId("join-warning")).toContainText("Phones cannot open 127.0.0.1:");
  await expect(admin.getByTestId("join-warning")).toContainText("MECHLAB_PUBLIC_URL");
  // on a 1920×1080 projector the room code (what students type) is the largest text of the join panel, above the URL
  await projector.setViewportSize({ width: 1920, height: 1080 });
  const look = await projector.evaluate(() => {
    const el = (id: string) => document.querySelector(`[data-testid="${id}"]`)!;
    const size = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
    const code = el("projector-room-code");
    const texts = [...el("projector-join").querySelectorAll("div, p")].filter((e) => e !== code && e.children.length === 0);
    return { code: size(code), largestOther: Math.max(...texts.map(size)), url: size(el("projector-join-url")), codeAbove: code.getBoundingClientRect().bottom <= el("projector-join-url").getBoundingClientRect().top, codeColor: getComputedStyle(code).color, bodyColor: getComputedStyle(document.body).color };
  });
  expect(look.code).toBeGreaterThanOrEqual(2 * look.url);
  expect(look.code).toBeGreaterThan(look.largestOther);
  expect(look.codeAbove).toBe(true);
  expect(look.codeColor).toBe(look.bodyColor); // not greyed out
  await projector.setViewportSize({ width: 1600, height: 1000 });
  await expect(projector.getByTestId("join-qr")).toBeVisible();
  await expect(projector.getByTestId("join-qr")).toHaveAttribute("data-qr-text", joinUrl);
  await expect(projector.getByTestId("join-qr")).toHaveAttribute("src", /^data:image\/svg\+xml/);
  await expect(projector.getByTestId("projector-joined")).toHaveText("2 of 3 joined (2 bots)"); // the bot seats count as joined, and are named
  if (SHOTS) await projector.screenshot({ path: "docs/games/projector-join.png" });

  // a student scans the code: the join page with the room code, a name, then the intro
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const student = await ctx.newPage();
  await student.goto(joinUrl);
  await expect(student.getByTestId("join-code")).toHaveValue(code);
  await student.getByTestId("join-label").fill("Alice");
  await student.getByTestId("join-submit").click();
  await passIntro(student, [1]);

  // during play: round, time left, "k of 3 decided", charts filling round by round; points once round 1 is done
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "playing");
  await expect(projector.getByTestId("projector-round")).toHaveText("Round 1 of 2");
  await expect(projector.getByTestId("projector-time-left")).toHaveText(/^\d+:\d\d$/);
  await expect(projector.getByTestId("projector-pending")).toContainText("of 3 decided");
  await expect(projector.getByTestId("leaderboard")).toContainText("Points appear after the first round.");
  await expect(projector.getByTestId("projector-join-url")).toHaveText(joinUrl); // the address stays (a seat may be freed)
  await expect(projector.getByTestId("projector-join-warning")).toHaveCount(0); // the instructor's hint is not shown to the room during play
  // every seat is taken: the screen stops inviting people the join page would turn away
  await expect(projector.getByTestId("projector-joined")).toHaveText("Session full: all 3 places are taken");
  await expect(projector.getByTestId("projector-join")).toHaveAttribute("data-full", "true");
  await expect(projector.getByTestId("projector-status")).not.toHaveText(/^\s*·/);
  // paused: the room's screen says so across the screen, and stops saying it once play resumes
  await expect(projector.getByTestId("projector-paused")).toHaveCount(0);
  await admin.getByTestId("cmd-pause").click();
  await expect(projector.getByTestId("projector-paused")).toContainText("Paused");
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-status", "paused");
  await admin.getByTestId("cmd-resume").click();
  await expect(projector.getByTestId("projector-paused")).toHaveCount(0);
  for (const round of [1, 2]) {
    await invest(student, "2");
    await expect(student.getByTestId("phase-results")).toBeVisible();
    await student.getByTestId("next-round").click(); // the round is scored when its results step ends
    // the monitor charts the round; the room's screen does not while the one group plays (its own numbers
    // would give its members' hidden choices away): it says when the charts come
    await expect.poll(async () => (await chartData(admin, "ids-investment/investment")).series[0]!.points.length, { timeout: 20_000 }).toBe(round);
    if (round === 1) {
      await expect(projector.getByTestId("projector-round")).toHaveText("Round 2 of 2");
      await expect(projector.getByTestId("charts")).toContainText("The charts appear when the session is over: with fewer than 5 groups");
      await expect(projector.locator("[data-testid^='chart-']")).toHaveCount(0);
      await expect(projector.getByTestId("leaderboard")).toContainText("Leaderboard after round 1");
      await expect(projector.getByTestId("leaderboard")).toContainText("Alice");
      if (SHOTS) await projector.screenshot({ path: "docs/games/projector-live.png", fullPage: true });
    }
  }
  if (SHOTS) await admin.getByTestId("charts").screenshot({ path: "docs/games/ids-investment-charts.png" });

  // after: the debrief, no "Live" any more, Alice's total on the leaderboard (the two bot seats are not ranked), the same page all along
  await expect(student.getByTestId("final-page")).toBeVisible();
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "after");
  await expect(projector.getByTestId("debrief")).toContainText("Investment per round");
  await expect(projector.getByTestId("charts").locator("h2")).toHaveText("Play against theory");
  // after the session the room sees every chart with its theory lines: the played mean is Alice's 2 and the two bots' social-optimum investments
  await expect.poll(async () => (await chartData(projector, "ids-investment/investment")).series[0]!.points.length, { timeout: 20_000 }).toBe(2);
  const inv = await chartData(projector, "ids-investment/investment");
  expect(inv.series.map((s) => s.name)).toEqual(["played", "Nash equilibrium", "social optimum"]);
  expect(inv.series[0]!.points.map((p) => p.x)).toEqual([1, 2]);
  const so = inv.series[2]!.points.map((p) => p.y!);
  inv.series[0]!.points.forEach((p, i) => expect(p.y!).toBeCloseTo((2 + 2 * so[i]!) / 3, 6));
  expect(inv.series[0]!.points.every((p) => p.lo === undefined)).toBe(true); // 3 values: no spread band on the room's screen
  const monitor = await chartData(admin, "ids-investment/investment");
  expect(monitor.series.map((s) => s.points.map((p) => p.y))).toEqual(inv.series.map((s) => s.points.map((p) => p.y)));
  expect(monitor.series[0]!.points[0]!.lo).not.toBeUndefined(); // the monitor keeps it
  const cost = await chartData(projector, "ids-investment/total-cost");
  expect(cost.series.map((s) => s.name)).toEqual(["played", "Nash equilibrium", "social optimum"]);
  expect(cost.series[0]!.points.at(-1)!.y!).toBeGreaterThan(cost.series[2]!.points.at(-1)!.y! - 1e-9); // no profile beats the optimum
  const hist = await chartData(projector, "ids-investment/investment-histogram");
  expect(hist.series.map((s) => s.name)).toEqual(["played", "Nash equilibrium", "social optimum"]);
  expect(hist.series[0]!.points.map((p) => p.x)).toEqual(["0–0.5", "0.5–1", "1–1.5", "1.5–2", "2–2.5", "2.5–3", "3–3.5", "3.5–4", "4–4.5", "4.5–5"]);
  expect(hist.series[0]!.points.reduce((a, p) => a + p.y!, 0)).toBeCloseTo(1, 9);
  expect(hist.series[0]!.points.find((p) => p.x === "2–2.5")!.y!).toBeGreaterThanOrEqual(1 / 3 - 1e-9); // Alice's 2
  const total = Number((await student.getByTestId("total-points").textContent())!.replace(/,/g, ""));
  const rows = projector.getByTestId("leaderboard").locator("li");
  await expect(rows).toHaveCount(1);
  await expect(projector.getByTestId("leader-note-0")).toHaveCount(0); // Alice decided every round herself
  const alice = rows.filter({ hasText: "Alice" });
  expect(Number((await alice.locator(".pts").textContent())!.replace(/,/g, ""))).toBeCloseTo(total, 0);
  // the instructor hides a name from the room's screen (here after the session, while the debrief is up): the
  // leaderboard ranks the seat under its number, the monitor keeps the name; "Show on screen" brings it back
  const aliceRow = admin.locator("[data-testid^='monitor-row-']", { hasText: "Alice" });
  await aliceRow.getByRole("button", { name: 'Hide "Alice" on the room\'s screen' }).click();
  await expect(rows.first()).toContainText(/Seat \d/);
  await expect(projector.getByTestId("leaderboard")).not.toContainText("Alice");
  await expect(aliceRow).toContainText("(hidden on the room's screen)");
  await aliceRow.getByRole("button", { name: 'Show "Alice" on the room\'s screen again' }).click();
  await expect(rows.first()).toContainText("Alice");
  // both screens followed the rounds on the page they opened with: no reload
  for (const page of [projector, admin]) expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  if (SHOTS) await projector.screenshot({ path: "docs/games/ids-investment-projector.png", fullPage: true });

  // nothing private on the room's screen
  const html = await projector.content();
  const completion = (await student.getByTestId("completion-code").textContent())!.trim();
  expect(html).not.toContain(completion);
  for (const link of links) expect(html).not.toContain(link.split("/").pop()!);

  // the projector's address is no key: a student who types it gets the admin login, and no view
  await student.goto(projector.url());
  await expect(student.getByTestId("admin-password")).toBeVisible();
  await expect(student.getByTestId("projector")).toHaveCount(0);
  expect(await student.content()).not.toContain(code);

  // a phone: the projector's and the monitor's charts fit the screen
  expect(await chartsFitPhone(projector)).toBe(3);
  expect(await projector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // nor does the rest of the screen
  expect(await chartsFitPhone(admin)).toBe(3);
});

test("projector: with 5 groups the room sees what was played live, the theory lines after the session", async ({ browser }) => {
  // 5 groups of 3: bots in 14 seats, a person in the last (the room's screen waits for her group's rounds)
  const admin = await createPatched(browser, "ids-investment-3.json", (t) => {
    t.groups = 5;
    botsEverywhere("socialOptimum", 15, 1)(t);
  });
  const links = await participantLinks(admin, 15);
  const projector = await openProjector(admin);
  const person = await openAs(browser, links[14]!);
  await passIntro(person, [1]);
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "playing");
  await invest(person, "2");
  await expect(person.getByTestId("phase-results")).toBeVisible();
  await person.getByTestId("next-round").click();
  // every group has finished round 1: the room's screen charts it, played series only, and says why
  await expect.poll(async () => (await chartData(projector, "ids-investment/investment")).series[0]!.points.length, { timeout: 20_000 }).toBe(1);
  await expect(projector.getByTestId("charts").locator("h2")).toHaveText("Live: what was played");
  await expect(projector.getByTestId("projector-charts-held")).toContainText("Over all 5 groups. The theory lines appear when the session is over");
  const room = await chartData(projector, "ids-investment/investment");
  expect(room.series.map((s) => s.name)).toEqual(["played"]);
  expect(room.series[0]!.points[0]!.n).toBe(15);
  // the monitor shows the theory lines live
  const monitor = await chartData(admin, "ids-investment/investment");
  expect(monitor.series.map((s) => s.name)).toEqual(["played", "Nash equilibrium", "social optimum"]);
  // after the session: the theory lines on the room's screen too
  await invest(person, "2");
  await person.getByTestId("next-round").click();
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "after");
  await expect.poll(async () => (await chartData(projector, "ids-investment/investment")).series.map((s) => s.name), { timeout: 20_000 }).toEqual(["played", "Nash equilibrium", "social optimum"]);
  await expect(projector.getByTestId("projector-charts-held")).toHaveCount(0);
});

test("projector at 1280×720 during play: the screen fits the viewport (charts side by side, the leaderboard's places), chart text readable in a room", async ({ browser }) => {
  // a pilot of 15 bots in 5 groups (its bots are ranked: 10 places, each with a note), slow enough to look at round 2
  const admin = await createPatched(browser, "ids-investment-3.json", (t) => {
    t.groups = 5;
    botsEverywhere("myopic", 15)(t);
    (t.bots as { delayMs: number }).delayMs = 8000;
    t.leaderboard = { show: true, top: 10 };
  });
  const projector = await openProjector(admin);
  await projector.setViewportSize({ width: 1280, height: 720 });
  await expect(projector.getByTestId("leader-9")).toHaveCount(1, { timeout: 40_000 });
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "playing");
  await expect.poll(async () => (await chartData(projector, "ids-investment/investment")).series[0]!.points.length, { timeout: 20_000 }).toBe(1);
  const fit = () =>
    projector.evaluate(() => {
      const box = (e: Element) => e.getBoundingClientRect();
      const svgs = [...document.querySelectorAll('[data-testid^="chart-"] .chart-canvas svg')].map(box);
      const ol = box(document.querySelector("ol.leaderboard")!);
      const rows = [...document.querySelectorAll("ol.leaderboard li")].map(box);
      return {
        scroll: document.scrollingElement!.scrollHeight,
        inner: window.innerHeight,
        charts: svgs.length,
        chartBottom: Math.max(...svgs.map((r) => r.bottom)),
        chartHeight: Math.min(...svgs.map((r) => r.height)),
        chartRows: new Set(svgs.map((r) => Math.round(r.top))).size,
        board: box(document.querySelector('[data-testid="leaderboard"]')!).bottom,
        // a place is shown whole inside the board, or not at all (out of view to its right)
        shown: rows.filter((r) => r.left < ol.right && r.bottom <= ol.bottom + 1).length,
        cut: rows.filter((r) => r.left < ol.right && r.bottom > ol.bottom + 1).length,
        font: Math.min(...[...document.querySelectorAll('[data-testid^="chart-"] .chart-canvas svg text')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
      };
    });
  await expect.poll(async () => (await fit()).chartHeight, { timeout: 10_000 }).toBeGreaterThan(150);
  const m = await fit();
  expect(m.scroll).toBeLessThanOrEqual(m.inner + 2); // nobody scrolls a projector
  expect(m.charts).toBe(3);
  expect(m.chartRows).toBe(1); // the three charts side by side
  expect(m.chartBottom).toBeLessThanOrEqual(m.inner);
  expect(m.board).toBeLessThanOrEqual(m.inner);
  expect(m.shown).toBeGreaterThanOrEqual(5);
  expect(m.cut).toBe(0);
  expect(m.font).toBeGreaterThanOrEqual(15);
  await expect(projector.getByTestId("leader-0")).toBeInViewport();
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "playing"); // measured during play
  if (SHOTS) await projector.screenshot({ path: "docs/games/projector-1280x720.png" });
});

test("projector at 1280×720 after the session: the debrief, the charts with their theory lines and the final board fit the viewport", async ({ browser }) => {
  // 15 bots in 5 groups, 2 rounds, quick: the session ends by itself
  const admin = await createPatched(browser, "ids-investment-3.json", (t) => {
    t.groups = 5;
    botsEverywhere("myopic", 15)(t);
    (t.params as { rounds: number }).rounds = 2;
    t.leaderboard = { show: true, top: 10 };
  });
  const projector = await openProjector(admin);
  await projector.setViewportSize({ width: 1280, height: 720 });
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "after", { timeout: 60_000 });
  await expect(projector.getByTestId("debrief")).toBeVisible();
  await expect.poll(async () => (await chartData(projector, "ids-investment/investment")).series.length, { timeout: 20_000 }).toBeGreaterThan(1);
  const fit = () =>
    projector.evaluate(() => {
      const box = (e: Element) => e.getBoundingClientRect();
      const svgs = [...document.querySelectorAll('[data-testid^="chart-"] .chart-canvas svg')].map(box);
      return {
        scroll: document.scrollingElement!.scrollHeight,
        inner: window.innerHeight,
        charts: svgs.length,
        chartBottom: Math.max(...svgs.map((r) => r.bottom)),
        chartHeight: Math.min(...svgs.map((r) => r.height)),
        debrief: box(document.querySelector('[data-testid="debrief"]')!).bottom,
        board: box(document.querySelector('[data-testid="leaderboard"]')!).bottom,
      };
    });
  await expect.poll(async () => (await fit()).chartHeight, { timeout: 10_000 }).toBeGreaterThan(120);
  const m = await fit();
  expect(m.scroll).toBeLessThanOrEqual(m.inner + 2); // nobody scrolls a projector
  expect(m.charts).toBe(3);
  expect(m.debrief).toBeLessThanOrEqual(m.inner);
  expect(m.chartBottom).toBeLessThanOrEqual(m.inner);
  expect(m.board).toBeLessThanOrEqual(m.inner);
  await expect(projector.getByTestId("leader-0")).toBeInViewport();
  if (SHOTS) await projector.screenshot({ path: "docs/games/projector-1280x720-after.png" });
});

test("projector: the treatment hides the leaderboard", async ({ browser }) => {
  const admin = await createPatched(browser, "ids-investment-3.json", (t) => {
    botsEverywhere("myopic", 3)(t);
    t.leaderboard = { show: false };
  });
  const projector = await openProjector(admin);
  for (let seat = 0; seat < 3; seat++) await expect(admin.getByTestId(`monitor-row-${seat}`)).toContainText("done", { timeout: 90_000 });
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "after");
  await expect.poll(async () => (await chartData(projector, "ids-investment/investment")).series[0]!.points.length, { timeout: 20_000 }).toBe(2);
  await expect(projector.getByTestId("debrief")).toBeVisible();
  await expect(projector.getByTestId("leaderboard")).toHaveCount(0);
});

test("projector: a German treatment shows the room's screen in German", async ({ browser }) => {
  // one seat left for a person who has not joined: the screen stays before play
  const waiting = await createPatched(browser, "ids-investment-3.json", (t) => {
    botsEverywhere("myopic", 3, 1)(t);
    t.language = "de";
  });
  const before = await openProjector(waiting);
  await expect(before.getByTestId("projector")).toHaveAttribute("data-stage", "before");
  await expect(before.getByTestId("projector-join")).toContainText("Teilnehmen unter");
  await expect(before.getByTestId("projector-join")).toContainText("Raumcode");
  await expect(before.getByTestId("projector-joined")).toHaveText("2 von 3 beigetreten (2 Bots)");
  await expect(before.getByTestId("join-qr")).toHaveAttribute("alt", /^QR-Code von /);
  await expect(before.locator("html")).toHaveAttribute("lang", "de");

  // bots in every seat: the session runs through to the debrief
  const admin = await createPatched(browser, "ids-investment-3.json", (t) => {
    botsEverywhere("myopic", 3)(t);
    t.language = "de";
    t.leaderboard = { show: true, top: 3 };
  });
  const projector = await openProjector(admin);
  for (let seat = 0; seat < 3; seat++) await expect(admin.getByTestId(`monitor-row-${seat}`)).toContainText("done", { timeout: 90_000 });
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "after");
  await expect(projector.getByTestId("projector-over")).toHaveText("Sitzung beendet");
  await expect(projector.locator("h1")).toHaveText("Studie"); // no participantTitle: the default in German
  await expect(projector.getByTestId("debrief")).toContainText("Was gespielt wurde, verglichen mit der Theorie");
  await expect(projector.getByTestId("debrief")).toContainText("Mittel über die Runden");
  await expect(projector.getByTestId("leaderboard")).toContainText("Rangliste");
  // every seat a bot: a pilot, whose bots are ranked so that the board can be seen, with the note in German
  await expect(projector.getByTestId("leaderboard-pilot")).toHaveText(/^Ein Probelauf nur mit Bots: Die Bots stehen hier in der Rangliste/);
  await expect(projector.getByTestId("leaderboard").locator("li")).toHaveCount(3);
  await expect(projector.getByTestId("charts").locator("h2")).toHaveText("Spielverhalten und Theorie"); // no "Live:" once the session is over
  // the charts' own words: titles, axis titles, legends and series names in German, the same numbers as the monitor's
  const room = await chartData(projector, "ids-investment/investment");
  expect(room.series.map((s) => s.name)).toEqual(["gespielt", "Nash-Gleichgewicht", "soziales Optimum"]);
  const inv = projector.getByTestId("chart-ids-investment/investment");
  await expect(inv.locator("figcaption strong")).toHaveText("Investition pro Runde");
  await expect(inv.locator(".chart-legend")).toHaveText(/gespielt.*Nash-Gleichgewicht.*soziales Optimum/);
  await expect(inv.locator(".chart-canvas svg")).toContainText("Runde");
  await expect(inv.locator(".chart-canvas svg")).toContainText("Investition x");
  await expect(projector.getByTestId("chart-ids-investment/total-cost").locator("figcaption strong")).toHaveText("Gesamtkosten pro Gruppe");
  await expect(projector.getByTestId("chart-ids-investment/investment-histogram").locator("figcaption strong")).toHaveText("Investitionen in Runde 2");
  expect((await chartData(projector, "ids-investment/investment-histogram")).series[0]!.points.map((p) => p.x).slice(0, 2)).toEqual(["0–0,5", "0,5–1"]);
  await expect(projector.getByTestId("admin-logout")).toHaveCount(0); // no English admin button on the room's screen
  await expect(projector.getByTestId("debrief")).toContainText("Investition pro Runde");
  await expect(projector.getByTestId("debrief")).toContainText("soziales Optimum");
  // the monitor next to it stays English (the experimenter's page)
  await expect(admin.getByTestId("charts")).toContainText("Play against theory");
  const monitor = await chartData(admin, "ids-investment/investment");
  expect(monitor.series.map((s) => s.name)).toEqual(["played", "Nash equilibrium", "social optimum"]);
  expect(monitor.series.map((s) => s.points.map((p) => p.y))).toEqual(room.series.map((s) => s.points.map((p) => p.y)));
  await expect(admin.getByTestId("chart-ids-investment/investment").locator("figcaption strong")).toHaveText("Investment per round");
  if (SHOTS) await projector.screenshot({ path: "docs/games/projector-de.png", fullPage: true });
});

test("projector of a session not opened yet: says so and greys the QR code, then invites once it is opened; after a logout, the login form", async ({ browser }) => {
  const admin = await createPatched(browser, "ids-investment-3.json", () => undefined, { open: false });
  const projector = await openProjector(admin);
  await expect(projector.getByTestId("projector-not-open")).toHaveText("Not open yet: joining starts when the session is opened");
  await expect(projector.getByTestId("projector-join")).toHaveAttribute("data-open", "false");
  await expect(projector.getByTestId("projector-join")).toHaveClass(/\bfull\b/);
  await openSession(admin);
  await expect(projector.getByTestId("projector-joined")).toHaveText("0 of 3 joined");
  await expect(projector.getByTestId("projector-join")).toHaveAttribute("data-open", "true");
  await expect(projector.getByTestId("projector-join")).not.toHaveClass(/\bfull\b/);
  // logged out on the monitor: the room's screen asks for the password again (not a line of text)
  await admin.getByTestId("admin-logout").click();
  await expect(projector.getByTestId("admin-password")).toBeVisible();
  await expect(projector.getByTestId("projector")).toHaveCount(0);
});

test("projector: while people answer the exit survey, the room sees 'Game over' and the questionnaire note, not yet the theory; then the debrief", async ({ browser }) => {
  const admin = await createPatched(browser, "ids-investment-3.json", (t) => {
    botsEverywhere("socialOptimum", 3, 1)(t);
    t.survey = [{ id: "comments", type: "text", prompt: "Anything to add?", required: false }];
  });
  const links = await participantLinks(admin, 3);
  const projector = await openProjector(admin);
  const person = await openAs(browser, links[2]!);
  await passIntro(person, [1]);
  for (let round = 1; round <= 2; round++) {
    await invest(person, "2");
    await person.getByTestId("next-round").click();
  }
  await expect(person.getByTestId("survey-page")).toBeVisible();
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "after");
  await expect(projector.getByTestId("projector-over")).toHaveText("Game over");
  await expect(projector.getByTestId("projector-survey")).toContainText("1 person is still answering");
  await expect(projector.getByTestId("debrief")).toHaveCount(0);
  await expect(projector.getByTestId("charts")).toHaveCount(0);
  await person.getByTestId("survey-submit").click();
  await expect(projector.getByTestId("projector-survey")).toHaveCount(0);
  await expect(projector.getByTestId("debrief")).toBeVisible();
  await expect(projector.getByTestId("charts")).toBeVisible();
});
