/**
 * End to end, multi-defender security game: an experimenter creates sessions from the shipped SSG
 * treatments (two seats played by bots); one person, on a phone-sized screen,
 * - joins the coordination and misreports, then acts alone with the slider widget whose preview updates
 *   live and never lets the patrol time exceed the budget; the exported data keep what was reported,
 *   allocated and drawn;
 * - receives a private recommendation and changes it, with the preview of the modified plan; the
 *   experimenter's monitor compares the round with the NSE and with CSW-Max.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession, openAs, participantLinks, parseCsv, passIntro } from "./steps";

const TARGETS = ["Harbour", "Oil rig", "Ferry", "Fishery"];

type Treatment = { params: Record<string, unknown>; [key: string]: unknown };

/** Create a session from a shipped SSG example, editing its JSON in the admin form first. */
async function createSsgSession(browser: Browser, file: string, edit: (t: Treatment) => void) {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-select").selectOption(file);
  await expect(admin.getByTestId("treatment-json")).toHaveValue(/"game": "ssg-defense"/);
  const t = JSON.parse(await admin.getByTestId("treatment-json").inputValue()) as Treatment;
  edit(t);
  await admin.getByTestId("treatment-json").fill(JSON.stringify(t, null, 2));
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("treatment-summary")).toBeVisible();
  await admin.getByTestId("session-create").click();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  await openSession(admin);
  return { admin, sessionId: decodeURIComponent(new URL(admin.url()).pathname.split("/").pop()!) };
}

/** The person in the last seat (the bots take the first ones), through the intro. */
async function lastSeat(browser: Browser, admin: Page): Promise<Page> {
  const links = await participantLinks(admin, 3);
  const p = await openAs(browser, links[2]!);
  await passIntro(p, [1]);
  return p;
}

test("coordinated with a join phase: join and misreport, then act alone with the slider widget; the data keep it all", async ({ browser }) => {
  const { admin, sessionId } = await createSsgSession(browser, "ssg-defense-coordinated-join.json", (t) => {
    t.params.rounds = 2;
    // the preview below uses last round's combined coverage of the others, which the default
    // ("pooled") hides when one other defender alone covered a target
    t.params.othersFeedback = "combined";
    t.bots = { seats: ["truthful", "nse"], delayMs: 50 };
  });
  const p = await lastSeat(browser, admin);

  // Round 1: join, change the reported reward for the Ferry (true 6) to 9.
  await p.getByTestId("join-yes").click();
  await expect(p.getByTestId("phase-decide")).toBeVisible();
  await expect(p.getByTestId("report-reward-2-input")).toHaveValue("6");
  await expect(p.getByTestId("report-truthful")).toContainText("true payoffs");
  await p.getByTestId("report-reward-2-input").fill("9");
  await expect(p.getByTestId("report-truthful")).toContainText("differ");
  await p.getByTestId("report-submit").click();
  await expect(p.getByTestId("phase-results")).toBeVisible();
  await expect(p.getByTestId("result-coalition")).toHaveText("1, 3"); // the NSE bot acts alone
  await expect(p.getByTestId("my-points")).toHaveText(/^-?[\d,]+(\.\d)?$/);
  await p.getByTestId("next-round").click();

  // Round 2: act alone. 70% at the Ferry; asking 60% for the Fishery leaves it at the 30% left.
  await p.getByTestId("join-no").click();
  await expect(p.getByTestId("phase-decide")).toBeVisible();
  await expect(p.getByTestId("preview-assumption")).toContainText("as they did together last round");
  const before = await p.getByTestId("combined-2").textContent();
  await p.getByTestId("cov-slider-2").fill("70");
  await expect(p.getByTestId("cov-value-2")).toHaveText("70%");
  await expect(p.getByTestId("combined-2")).not.toHaveText(before!);
  await p.getByTestId("cov-slider-3").fill("60");
  await expect(p.getByTestId("cov-value-3")).toHaveText("30%");
  await expect(p.getByTestId("cov-budget")).toContainText("100% of 100%");
  await expect(p.getByTestId("alloc-preview")).toContainText(/attack/);
  await p.getByTestId("alloc-submit").click();
  await expect(p.getByTestId("phase-results")).toBeVisible();
  await expect(p.getByTestId("my-allocation")).toHaveText(/^(Ferry|Fishery)$/);
  await p.getByTestId("next-round").click();
  await expect(p.getByTestId("final-page")).toBeVisible();

  // The data: one row per defender and round, with the report, the allocation and the draw.
  const res = await admin.request.get(`/api/admin/sessions/${encodeURIComponent(sessionId)}/export/data.csv`);
  const [header, ...rows] = parseCsv(await res.text()).filter((r) => r.some((c) => c !== ""));
  const col = (name: string) => header!.indexOf(name);
  const cell = (seat: number, round: number, name: string) => rows.find((r) => r[col("seat")] === String(seat) && r[col("round")] === String(round))![col(name)];
  expect(rows).toHaveLength(3 * 2);
  expect(cell(3, 1, "decision_joined")?.toLowerCase()).toBe("true");
  expect(cell(3, 1, "decision_report_truthful")?.toLowerCase()).toBe("false");
  expect(cell(3, 1, "decision_report_reward")).toBe("[1,1,9,3]");
  expect(cell(3, 1, "group_coalition")).toBe("[0,2]");
  expect(cell(3, 2, "decision_joined")?.toLowerCase()).toBe("false");
  expect(cell(3, 2, "decision_coverage")).toBe("[0,0,0.7,0.3]");
  expect(["[2]", "[3]"]).toContain(cell(3, 2, "outcome_allocation"));
  expect(cell(2, 1, "decision_joined")?.toLowerCase()).toBe("false");
  for (const r of rows) expect(Number(r[col("outcome_u_nse")])).not.toBeNaN();
});

test("recommendation: change the private recommendation with the preview of the modified plan; the monitor compares with NSE and CSW-Max", async ({ browser }) => {
  const { admin } = await createSsgSession(browser, "ssg-defense-recommendation.json", (t) => {
    t.params.rounds = 1;
    t.bots = { seats: ["follower", "follower"], delayMs: 50 };
  });
  const p = await lastSeat(browser, admin);
  await expect(p.getByTestId("phase-follow")).toBeVisible();
  const told = TARGETS.indexOf((await p.getByTestId("recommended").textContent()) ?? "");
  expect(told).toBeGreaterThanOrEqual(0);
  await p.getByTestId("change-open").click();
  await expect(p.getByTestId("preview-assumption")).toContainText("every other defender follows");
  await expect(p.getByTestId(`cov-value-${told}`)).toHaveText("100%");
  const planned = await p.getByTestId(`combined-${told}`).textContent();
  const other = (told + 1) % 4;
  await p.getByTestId(`cov-slider-${told}`).fill("0");
  await p.getByTestId(`cov-slider-${other}`).fill("100");
  await expect(p.getByTestId(`combined-${told}`)).not.toHaveText(planned!); // the plan loses my patrol there
  await p.getByTestId("change-submit").click();
  await expect(p.getByTestId("phase-results")).toBeVisible();
  await expect(p.getByTestId("phase-results")).toContainText("you changed it");
  await expect(p.getByTestId("my-allocation")).toHaveText(TARGETS[other]!);

  const group = admin.getByTestId("group-g1");
  await expect(group).toContainText("Welfare under CSW-Max");
  await expect(group).toContainText("Welfare at the NSE");
  await expect(group).toContainText("NSE U");
  await expect(group).toContainText("changed");
});
