/**
 * End to end: an experimenter creates a session from the shipped 3-user IDS treatment; three people
 * (one browser context each, phone-sized) pass the intro and play both rounds — one reloads mid-round
 * and must find the same screen, its timer still running and its typed input still there — and the
 * exported data has exactly one row per person and round holding the numbers they typed.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createSessionFromExample, invest, openAs, parseCsv, participantLinks, passIntro, secondsLeft } from "./steps";

const DECISIONS = [
  ["1", "2", "3"],
  ["1.5", "2.5", "0.5"],
];

test("three participants play two IDS rounds; data.csv has one row per participant and round", async ({ browser }) => {
  const { admin, sessionId } = await createSessionFromExample(browser, "ids-investment-3.json");
  const links = await participantLinks(admin, 3);
  for (let seat = 0; seat < 3; seat++) await expect(admin.getByTestId(`presence-${seat}`)).toHaveText("offline");

  // Everyone opens their own link and passes consent, instructions and the quiz.
  const people: Page[] = [];
  for (const [seat, link] of links.entries()) {
    const p = await openAs(browser, link);
    people.push(p);
    await passIntro(p, [1], seat === 0 ? { option: 0, hint: /protect you too/ } : undefined);
    if (seat < 2) await expect(p.getByTestId("waiting-room")).toContainText(`${2 - seat} more participant`);
    await expect(admin.getByTestId(`presence-${seat}`)).toHaveText("online");
  }

  for (const [r, xs] of DECISIONS.entries()) {
    const round = r + 1;
    for (const p of people) {
      await expect(p.getByTestId("phase-decide")).toBeVisible();
      await expect(p.getByTestId("round-number")).toHaveText(`${round} of 2`);
    }
    if (round === 1) {
      for (const [i, p] of people.entries()) await invest(p, xs[i]!);
    } else {
      // Two decide; the third types, then reloads before submitting.
      await invest(people[0]!, xs[0]!);
      await invest(people[1]!, xs[1]!);
      const late = people[2]!;
      await expect(late.getByTestId("pending-count")).toHaveText("1 of 3");
      await late.getByTestId("invest-input").fill(xs[2]!);
      const before = await secondsLeft(late);
      expect(before).toBeGreaterThan(5);
      await late.reload();
      await expect(late.getByTestId("phase-decide")).toBeVisible();
      await expect(late.getByTestId("round-number")).toHaveText("2 of 2");
      await expect(late.getByTestId("pending-count")).toHaveText("1 of 3");
      await expect(late.getByTestId("invest-input")).toHaveValue(xs[2]!);
      await expect(late.getByTestId("invest-input")).toBeEditable();
      const after = await secondsLeft(late);
      expect(after).toBeLessThanOrEqual(before); // the server's deadline, not a fresh timer
      await expect.poll(() => secondsLeft(late)).toBeLessThan(after); // and it keeps counting
      await invest(late, xs[2]!);
    }
    for (const [i, p] of people.entries()) {
      await expect(p.getByTestId("phase-results")).toBeVisible();
      await expect(p.getByTestId("my-x")).toHaveText(xs[i]!);
      await expect(p.getByTestId("my-points")).toHaveText(/^-?[\d,]+(\.\d)?$/);
      // the monitor shows the round on their screen beside the recorded points (recorded when they go on)
      const shown = (await p.getByTestId("my-points").textContent())!;
      await expect(admin.getByTestId(`points-${i}`)).toContainText(`${shown.startsWith("-") ? "" : "+"}${shown} this round`);
    }
    for (const p of people) await p.getByTestId("next-round").click();
  }

  for (const p of people) {
    await expect(p.getByTestId("final-page")).toBeVisible();
    await expect(p.getByTestId("total-points")).toHaveText(/\d/);
    await expect(p.getByTestId("completion-code")).toHaveText(/\S{4,}/);
  }

  // The experimenter downloads the data from the monitor page.
  for (let seat = 0; seat < 3; seat++) await expect(admin.getByTestId(`monitor-row-${seat}`)).toContainText("done");
  // the group's round history opens on demand (the live pushes carry only its length)
  const history = admin.locator("[data-testid^='history-']").first();
  await expect(history.locator("summary")).toHaveText("History (2 rounds)");
  await history.locator("summary").click();
  await expect(history.locator("tbody tr")).toHaveCount(2);
  await expect(history.locator("tbody tr").first().locator("td").first()).toHaveText("1");
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("download-csv").click()]);
  const csv = parseCsv(await readFile((await download.path())!, "utf8")).filter((r) => r.some((c) => c !== ""));
  const [header, ...rows] = csv;
  const col = (name: string) => header!.indexOf(name);
  const wanted = ["session", "treatment", "group", "round", "participant", "role"];
  const positions = wanted.map(col);
  expect(positions.every((i) => i >= 0), `header: ${header!.join(",")}`).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(rows).toHaveLength(3 * 2);
  expect(col("decision_x")).toBeGreaterThanOrEqual(0);
  for (const row of rows) {
    expect(row[col("session")]).toBe(sessionId);
    const round = Number(row[col("round")]);
    const seat = Number(row[col("seat")]); // 1, 2, 3 as on screen
    expect(Number(row[col("decision_x")])).toBeCloseTo(Number(DECISIONS[round - 1]![seat - 1]), 9);
    expect(row[col("timed_out")]?.toLowerCase()).toBe("false");
  }
  const perRound = (n: number) => rows.filter((r) => r[col("round")] === String(n)).length;
  expect([perRound(1), perRound(2)]).toEqual([3, 3]);
});
