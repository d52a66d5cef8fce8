/**
 * Housekeeping on the session list: archive hides a session (and brings it back), delete asks for the
 * room code and refuses anything else, and a running session cannot be deleted; the study export of
 * ticked sessions offers its codebook.
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession } from "./steps";

const treatment = (name: string) => ({
  name,
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 1, decisionSeconds: 120, resultsSeconds: null },
});

async function create(admin: Page, name: string): Promise<string> {
  await admin.goto("/admin");
  await admin.getByTestId("treatment-json").fill(JSON.stringify(treatment(name)));
  await admin.getByTestId("session-create").click();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  return (await admin.getByTestId("room-code").textContent())!.trim();
}

test("archive hides a session; delete needs the room code; a running session cannot be deleted", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await expect(admin.getByTestId("treatment-json")).toBeVisible();
  const draft = await create(admin, "housekeeping draft");
  const running = await create(admin, "housekeeping running");
  await openSession(admin);
  const runningId = decodeURIComponent(new URL(admin.url()).pathname.split("/").pop()!);
  await admin.goto("/admin");

  // the study export of the ticked sessions has a codebook naming the study files
  await admin.getByTestId(`choose-${running}`).check();
  await admin.getByText("Study export across sessions").click();
  const codebook = await admin.request.get((await admin.getByTestId("study-codebook").getAttribute("href"))!);
  expect(codebook.status()).toBe(200);
  expect(codebook.headers()["content-disposition"]).toContain('filename="mechlab-study-codebook.csv"');
  const codebookText = await codebook.text();
  expect(codebookText).toMatch(/^column,type,unit,description,file,game\r\n/);
  for (const file of ["mechlab-study-long.csv", "mechlab-study-wide.csv", "mechlab-study-survey.csv"]) expect(codebookText).toContain(`,${file},`);

  // archive: hidden from the list, back with "Show archived", unarchive
  await expect(admin.getByTestId(`session-row-${draft}`)).toBeVisible();
  await admin.getByTestId(`archive-${draft}`).click();
  await expect(admin.getByTestId(`session-row-${draft}`)).toBeHidden();
  await admin.getByTestId("show-archived").check();
  await expect(admin.getByTestId(`session-row-${draft}`)).toContainText("archived");
  await admin.getByTestId(`archive-${draft}`).click();
  await expect(admin.getByTestId(`archive-${draft}`)).toHaveText("Archive");

  // a running session offers no delete; the server refuses it too
  await expect(admin.getByTestId(`session-row-${running}`)).toBeVisible();
  await expect(admin.getByTestId(`delete-${running}`)).toHaveCount(0);
  const refused = await admin.request.post(`/api/admin/sessions/${encodeURIComponent(runningId)}/delete`, {
    data: { confirm: running },
    headers: { "x-mechlab-csrf": "1" },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toMatch(/still running: end it on its monitor first\. Nothing was deleted\./);

  // delete: the wrong code deletes nothing and says so; the right code deletes
  await admin.getByTestId(`delete-${draft}`).click();
  await admin.getByTestId(`delete-confirm-code-${draft}`).fill("WRONG");
  await admin.getByTestId(`delete-confirm-${draft}`).click();
  await expect(admin.getByRole("alertdialog")).toContainText(`type the room code ${draft} exactly. Nothing was deleted.`);
  await expect(admin.getByTestId(`session-row-${draft}`)).toBeVisible();
  await admin.getByTestId(`delete-confirm-code-${draft}`).fill(draft.toLowerCase());
  await admin.getByTestId(`delete-confirm-${draft}`).click();
  await expect(admin.getByTestId(`session-row-${draft}`)).toHaveCount(0);
  await admin.reload();
  await expect(admin.getByTestId(`session-row-${running}`)).toBeVisible();
  await expect(admin.getByTestId(`session-row-${draft}`)).toHaveCount(0);
});
