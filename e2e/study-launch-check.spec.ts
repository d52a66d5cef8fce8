/**
 * The launch check on the New Session page (issue 9, item 5): before anyone joins, what theory predicts
 * for exactly this treatment — SSG: NSE, CSW-Max, CSW-Max-NSE and dictatorship with coverage, welfare and
 * attacked target, and a warning when two give the same outcome; CIP: the menu, each type's utility,
 * where ULIC binds, who Algorithm 1 excludes, the equal split. An invalid treatment lists every error at
 * once, one message per field. A new session is a draft until the experimenter opens it. Every check
 * ends with the exit survey's questions, the language and the payment facts to confirm.
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession } from "./steps";

async function login(page: Page) {
  await page.goto("/admin");
  await page.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await page.getByTestId("admin-login").click();
}

async function validateExample(admin: Page, file: string) {
  await admin.getByTestId("treatment-select").selectOption(file);
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("launch-check")).toBeVisible();
}

const outcomeRow = (admin: Page, mechanism: RegExp) => admin.getByTestId("launch-section-ssg-mechanisms").getByRole("row").filter({ hasText: mechanism }).first();

test("SSG: every mechanism's coverage, welfare and attacked target, and the warning when the instance cannot tell them apart", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await login(admin);
  await validateExample(admin, "ssg-defense-uncoordinated-3.json");
  const ssg = admin.getByTestId("launch-section-ssg-mechanisms");
  await expect(ssg.getByRole("heading", { name: "Coverage, welfare and attacked target under each mechanism" })).toBeVisible();
  for (const m of [/^NSE \(no coordination\) ← this treatment/, /^CSW-Max\b/, /^CSW-Max-NSE/, /^Dictatorship \(defender 1\)/]) await expect(outcomeRow(admin, m)).toContainText("Harbour");
  await expect(ssg.getByRole("columnheader", { name: "CSW-Max-NSE" })).toBeVisible(); // in the coverage table
  await expect(admin.getByTestId("launch-warnings")).toContainText(
    "CSW-Max, CSW-Max-NSE and Dictatorship (defender 1) give the same outcome here (the same coverage, target Harbour attacked, welfare 3.5508): this instance cannot tell them apart.",
  );

  // the same instance under dictatorship with defender 2 as dictator: a different outcome, one warning left
  const t = JSON.parse(await admin.getByTestId("treatment-json").inputValue());
  t.params = { ...t.params, mode: "coordinated", mechanism: "dictatorship", dictator: 1 };
  await admin.getByTestId("treatment-json").fill(JSON.stringify(t, null, 2));
  await expect(admin.getByTestId("launch-check")).toBeHidden();
  await admin.getByTestId("treatment-validate").click();
  await expect(outcomeRow(admin, /^Dictatorship \(defender 2\) ← this treatment/)).toContainText("Oil rig");
  await expect(admin.getByTestId("prediction-Predicted welfare / attacked target")).toContainText("2.9749 / Oil rig");
  await expect(admin.getByTestId("launch-warnings")).toHaveText(/^CSW-Max and CSW-Max-NSE give the same outcome here/);
});

test("CIP: the menu, each type's utility, where ULIC binds, who Algorithm 1 excludes and the equal split", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await login(admin);
  await validateExample(admin, "cip-contracts-menu-4.json");
  const menu = admin.getByTestId("launch-section-cip-menu");
  await expect(admin.getByTestId("prediction-ULIC binds for")).toContainText("type 2 (↔ contract 3), type 3 (↔ contract 4)");
  await expect(menu.getByRole("columnheader", { name: "ULIC binds" })).toBeVisible();
  await expect(menu.getByRole("row").filter({ hasText: /^2type 2/ })).toContainText("yes");
  await expect(menu.getByRole("row").filter({ hasText: /^1type 1/ })).toContainText("no");
  await expect(menu.getByRole("heading", { name: "Each type's utility U_CI from each contract" })).toBeVisible();
  await expect(admin.getByTestId("launch-section-cip-equal-split")).toContainText("162.5");
  await expect(admin.getByTestId("prediction-Excluded (CI)")).toContainText("none");
  // the projector's leaderboard would rank the CI owners' private types
  await expect(admin.getByTestId("launch-warnings")).toContainText('points depend on each CI owner\'s type (vulnerability θ and criticality φ)');
  await expect(admin.getByTestId("launch-warnings")).toContainText('set "leaderboard": { "show": false } in the treatment');

  await validateExample(admin, "cip-contracts-menu-per-ci-4.json");
  await expect(admin.getByTestId("prediction-Excluded (CI)")).toHaveText(/^1\b/);
  await expect(admin.getByTestId("launch-section-cip-algorithm1")).toContainText("minimum-resources");
});

test("an invalid treatment lists every error at once, one message per field; a valid one becomes a draft to open", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await login(admin);
  await admin.getByTestId("treatment-json").fill(
    JSON.stringify({
      name: "x",
      game: "ssg-defense",
      params: {
        mode: "coordinated",
        dictator: 7,
        attacker: { reward: [1, 2, 3], penalty: [5, 0, 1] },
        defenders: [
          { resources: 1, reward: [1, 2, 3], penalty: [0, 0, 0] },
          { resources: 1, reward: [1, 2, 3], penalty: [0, 0, 0] },
        ],
        rounds: 0,
        targets: ["a", "a", "b"],
        decisionSeconds: "soon",
      },
      bots: { seats: ["nope"] },
    }),
  );
  await admin.getByTestId("treatment-validate").click();
  const errors = admin.getByTestId("treatment-errors");
  await expect(errors).toContainText("The treatment has 6 problems");
  const items = await errors.getByRole("listitem").allTextContents();
  expect(items.map((e) => e.slice(0, e.indexOf(": ")))).toEqual([
    "params.rounds",
    "params.decisionSeconds",
    "params.attacker.reward[0]",
    "params.targets",
    "params.dictator",
    "bots.seats[0]",
  ]);
  await expect(admin.getByTestId("launch-check")).toBeHidden();
  await expect(admin.getByTestId("session-create")).toBeDisabled(); // creating is refused until the treatment is edited
  await expect(errors).toContainText("The treatment has 6 problems");

  // a misspelt field is not an error, but the launch check says it is ignored and what was meant
  const example = (await (await admin.request.get("/api/treatments")).json()) as { file: string; treatment: Record<string, unknown> }[];
  const ids = example.find((e) => e.file === "ids-investment-3.json")!.treatment;
  await admin.getByTestId("treatment-json").fill(JSON.stringify({ ...ids, surveys: [{ id: "age", type: "number", prompt: "Age?", min: 18, max: 99 }] }));
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("launch-warnings")).toContainText('surveys: not a field of a treatment, so it is ignored; did you mean "survey"?');

  await validateExample(admin, "ids-pivotal-full-4.json");
  await expect(admin.getByTestId("launch-section-ids-pivotal")).toContainText("Budget Σ t_i");
  await expect(admin.getByTestId("prediction-Would rather stay out")).toContainText("nobody");
  await admin.getByTestId("session-create").click();
  await expect(admin.getByTestId("draft-notice")).toBeVisible();
  await openSession(admin);
});

test("every shipped example treatment gets its game's theory, with no section that failed", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await login(admin);
  await expect(admin.getByTestId("treatment-select").locator("option").nth(6)).toBeAttached(); // the examples have loaded
  const files = (await admin.getByTestId("treatment-select").locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
  expect(files.length).toBeGreaterThanOrEqual(6);
  const first: Record<string, string> = { ids: "ids-nash-social", ssg: "ssg-mechanisms", cip: "cip-menu" };
  for (const file of files) {
    await validateExample(admin, file);
    await expect(admin.getByTestId(`launch-section-${first[file.slice(0, 3)]}`), file).toBeVisible();
    await expect(admin.getByTestId("launch-section-monitor"), file).toHaveCount(0);
    await expect(admin.getByTestId("launch-check"), file).not.toContainText("could not be computed");
  }

  // after the theory: the exit survey's questions, the language and the payment facts to confirm
  await validateExample(admin, "ids-investment-classroom.json");
  const survey = admin.getByTestId("launch-section-survey-payment");
  await expect(survey.getByRole("row").filter({ hasText: /^others_matterlikertyes/ })).toContainText("7 points: 1 = Strongly disagree … 7 = Strongly agree");
  await expect(admin.getByTestId("prediction-Exit survey questions")).toContainText("4 — 3 required");
  await expect(admin.getByTestId("prediction-Completion URL")).toContainText("not set");
});
