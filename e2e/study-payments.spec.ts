/**
 * The payment table on the monitor: show-up fee plus points in the treatment's currency, rounds a bot
 * played for a seat (not paid in this treatment), finished or not, completion codes; pasting a panel's
 * codes shows which match a seat. payments.csv holds the same rows.
 */
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, openSession, invest, parseCsv } from "./steps";

test("the monitor's payment table and payments.csv pay what the participants earned", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-json").fill(
    JSON.stringify({
      name: "payments",
      game: "ids-investment",
      params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 2, decisionSeconds: 120, resultsSeconds: null },
      payment: { showUpFee: 2.5, perPoint: 0.1, currency: "GBP", payBotRounds: false },
      bots: { delayMs: 0 },
    }),
  );
  // the launch check: what theory predicts for exactly this treatment, before anyone joins
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("launch-check")).toContainText("Social-optimum total cost");
  await expect(admin.getByTestId("launch-check")).toContainText("Nash total cost");
  await admin.getByTestId("session-create").click();
  await expect(admin.getByTestId("draft-notice")).toBeVisible();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  await openSession(admin);
  const sessionId = decodeURIComponent(new URL(admin.url()).pathname.split("/").pop()!);
  const links = [await admin.getByTestId("participant-link-0").getAttribute("href"), await admin.getByTestId("participant-link-1").getAttribute("href")];

  const people = [];
  for (const link of links) {
    const p = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await p.goto(link!);
    await p.getByTestId("consent-accept").click();
    await p.getByTestId("instructions-continue").click();
    people.push(p);
  }
  const [ann, bob] = people as [(typeof people)[0], (typeof people)[0]];
  // Bob leaves it to a bot: the experimenter replaces him in round 1, before he decides (once he is past the
  // intro: Replace by bot on a person still in it frees the seat from them instead, fresh-clone review A7)
  await expect(bob.getByTestId("phase-decide")).toBeVisible();
  await expect(admin.getByTestId("presence-1")).toHaveText("online");
  await admin.getByTestId("cmd-replace-1").click();
  await expect(admin.getByTestId("presence-1")).toHaveText("bot");
  for (let round = 1; round <= 2; round++) {
    await invest(ann, "1");
    await ann.getByTestId("next-round").click();
  }
  await expect(ann.getByTestId("final-page")).toBeVisible();
  const annCode = (await ann.getByTestId("completion-code").textContent())!.trim();
  const annPoints = Number((await ann.getByTestId("total-points").textContent())!.replace(/,/g, ""));
  await expect(bob.getByTestId("final-page")).toBeVisible();
  const bobCode = (await bob.getByTestId("completion-code").textContent())!.trim();
  // Bob did not finish (a bot held his seat): his page says so, and why his payment is the show-up fee alone
  await expect(bob.getByTestId("final-heading")).toHaveText("Thank you! The game is over for you.");
  await expect(bob.getByTestId("bot-rounds")).toHaveText(
    "The experimenter had a bot take over your seat: it made the choices in 2 of 2 rounds. Rounds a bot played are not paid, so none of these points count for your payment.",
  );
  await expect(bob.getByTestId("paid-points")).toHaveText("0");
  await expect(bob.getByTestId("payout")).toHaveText("2.50 GBP");
  await expect(ann.getByTestId("final-heading")).toHaveText("Thank you! You have finished.");
  await expect(ann.getByTestId("bot-rounds")).toHaveCount(0);
  expect(bobCode).not.toBe(annCode);

  await expect(admin.getByTestId("payment-finished-0")).toHaveText("yes");
  await expect(admin.getByTestId("payment-code-0")).toHaveText(annCode);
  const annPayout = Number((await admin.getByTestId("payment-payout-0").textContent())!.split(" ")[0]);
  expect(annPayout).toBeCloseTo(2.5 + 0.1 * annPoints, 1);
  await expect(admin.getByTestId("payment-payout-0")).toContainText("GBP");
  await expect(admin.getByTestId("payment-bot-rounds-1")).toHaveText("2");
  await expect(admin.getByTestId("payment-payout-1")).toHaveText("2.50 GBP"); // bot rounds are not paid here
  await expect(admin.getByTestId("payment-bot-rounds-0")).toHaveText("0");
  await expect(admin.getByTestId("payment-finished-1")).toHaveText("no"); // a bot held Bob's seat at the end

  await admin.getByText("Check completion codes from a panel").click();
  await admin.getByTestId("codes-paste").fill(" ;\n");
  await admin.getByTestId("codes-check").click();
  await expect(admin.getByTestId("codes-problem")).toHaveText("Paste the completion codes first (one per line, or the panel's CSV export).");
  await admin.getByTestId("codes-paste").fill(`"${annCode.toLowerCase()}"\r\nQQQQ7777\n`);
  await admin.getByTestId("codes-check").click();
  await expect(admin.getByTestId("codes-matched")).toContainText(`1 match a seat: ${annCode} → seat 1`);
  await expect(admin.getByTestId("codes-unknown")).toContainText("1 match no seat: QQQQ7777");
  await expect(admin.getByTestId("codes-missing")).toContainText(`seat 2 (${bobCode})`);
  // a panel's export: each code is checked against the id it was sent under
  await admin.getByTestId("codes-paste").fill(`participant_id;completion_code\r\nabc;"${annCode.toLowerCase()}"\nxyz,QQQQ7777\n`);
  await admin.getByTestId("codes-check").click();
  await expect(admin.getByTestId("codes-other-id")).toContainText(`line 2: abc sent ${annCode}, the code of seat 1 (no panel id)`);
  await expect(admin.getByTestId("codes-unknown")).toContainText("line 3: xyz sent QQQQ7777");

  const csv = parseCsv(await (await admin.request.get(`/api/admin/sessions/${encodeURIComponent(sessionId)}/export/payments.csv`)).text());
  const head = csv[0]!;
  const rows = csv.slice(1).filter((r) => r.length > 1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
  expect(rows.map((r) => [r.seat, r.completion_code, r.bot_rounds, r.finished, r.currency])).toEqual([
    ["1", annCode, "0", "TRUE", "GBP"],
    ["2", bobCode, "2", "FALSE", "GBP"],
  ]);
  expect(Number(rows[0]!.payout)).toBeCloseTo(annPayout, 2);
});
