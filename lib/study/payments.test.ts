import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { loadTreatment, type LoadedTreatment } from "../engine/treatment";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { paymentRows } from "./payments";
import { CODE_PASTE_MAX_CHARS, codePasteProblem, listSome, matchCodes } from "./code-match";

function load(payBotRounds: boolean): LoadedTreatment {
  const r = loadTreatment(
    {
      name: "t",
      game: "ids-investment",
      params: { alpha: [10, 10, 10], W: [[1, 0.4, 0.4], [0.4, 1, 0.4], [0.4, 0.4, 1]], c: [1, 1, 1], rounds: 2, decisionSeconds: 30, resultsSeconds: 5 },
      bots: { seats: ["myopic"] },
      dropout: { graceSeconds: 1, policy: "bot" },
      payment: { showUpFee: 3, perPoint: 0.05, currency: "EUR", payBotRounds },
    },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

/** p2 plays round 1 and drops out (a bot plays round 2); p3 plays both rounds. */
function play(lt: LoadedTreatment) {
  let s = passIntro(newSession(lt).state, lt, 0, ["p2", "p3"]);
  s = runBots(s, lt, 0, { until: (x) => x.groups.toArray()[0]!.round === 2 }).state;
  s = must(s, lt, { kind: "disconnect", pid: "p2" }, 100_000);
  return runBots(s, lt, 100_000).state;
}

describe("payments", () => {
  it("pays show-up fee plus points, counts bot rounds, and leaves out bot seats", () => {
    const paid = paymentRows(play(load(true)), load(true));
    expect(paid.map((r) => r.participant)).toEqual(["p2", "p3"]);
    const [p2, p3] = paid;
    expect(p2!.botRounds).toBe(1);
    expect(p3!.botRounds).toBe(0);
    expect(p2!.rounds).toBe(2);
    expect(p3!.payout).toBeCloseTo(3 + 0.05 * p3!.points, 2);
    expect(p2!.paidPoints).toBe(p2!.points);
    expect(p2!.finished && p3!.finished).toBe(true);
    expect(p2!.completionCode).toBe("code-p2");

    const unpaid = paymentRows(play(load(false)), load(false));
    const q2 = unpaid[0]!;
    expect(q2.paidPoints).toBeLessThan(q2.points);
    expect(q2.payout).toBeCloseTo(3 + 0.05 * q2.paidPoints, 2);
  });

  it("matches a pasted list of codes to seats, flags unknown codes and lists seats without a code", () => {
    const rows = paymentRows(play(load(true)), load(true)).map((r, i) => ({ ...r, completionCode: ["K7QPM2AB", "ZZ9X8Y7W"][i]! }));
    const m = matchCodes("Participant id,Completion code\n5f00aa,k7qpm2ab\n5f00bb,AAAA1111\n", rows);
    expect(m.matched.map((x) => [x.code, x.row.participant])).toEqual([["K7QPM2AB", "p2"]]);
    expect(m.unknown).toEqual(["AAAA1111"]);
    expect(m.missing.map((r) => r.participant)).toEqual(["p3"]);
  });

  it("reads codes between any separators, in any case or width, and says what to do with an empty or oversized paste", () => {
    const rows = paymentRows(play(load(true)), load(true)).map((r, i) => ({ ...r, completionCode: ["K7QPM2AB", "ZZ9X8Y7W"][i]! }));
    // tab, semicolon, quotes, CRLF, no-break and zero-width spaces, full-width letters (NFKC)
    const m = matchCodes('"id";"code"\r\n5f00aa;"k7qpm2ab"\t\u00a0\u200bＺＺ９Ｘ８Ｙ７Ｗ\u200b,K7QPM2AB', rows);
    expect(m.matched.map((x) => x.code)).toEqual(["K7QPM2AB", "ZZ9X8Y7W"]);
    expect(m.unknown).toEqual([]);
    expect(m.missing).toEqual([]);
    expect(codePasteProblem("")).toMatch(/Paste the completion codes first/);
    expect(codePasteProblem(" ,;\n\t")).toMatch(/Paste the completion codes first/);
    expect(codePasteProblem("x".repeat(CODE_PASTE_MAX_CHARS + 1))).toMatch(/paste only the column with the completion codes/);
    expect(codePasteProblem("k7qpm2ab")).toBeNull();
    // 100,000 codes of nobody: all counted, the list shown is cut short with how many more
    const many = Array.from({ length: 100_000 }, (_, i) => `Q${String(i).padStart(7, "0")}`);
    const big = matchCodes(many.join("\n"), rows);
    expect(big.unknown).toHaveLength(100_000);
    expect(listSome(big.unknown)).toMatch(/^Q0000000, Q0000001, .* and 99980 more$/);
    expect(listSome(["A", "B"])).toBe("A, B");
  });
});

