import { describe, expect, it } from "vitest";
import type { PaymentRow } from "./payments";
import { CODE_PASTE_MAX_CHARS, codePasteProblem, listSome, matchCodes, pastedPairs, tookNoPart } from "./code-match";

const seat = (n: number, code: string, externalId: string | null): PaymentRow => ({
  participant: `p${n + 1}`,
  seat: n,
  label: null,
  externalId,
  externalSource: externalId ? "prolific" : null,
  completionCode: code,
  points: 10,
  paidPoints: 10,
  botRounds: 0,
  rounds: 2,
  bonus: 1,
  payout: 3,
  currency: "GBP",
  finished: true,
  leftBeforePlay: null,
  seatHolder: 1,
});

/** Three panel seats and one lab seat (no panel id). */
const rows = [seat(0, "K7QPM2AB", "5f00aa"), seat(1, "ZZ9X8Y7W", "5f00bb"), seat(2, "M4N5P6Q7", "5f00cc"), seat(3, "R8S9T2U3", null)];

describe("checking completion codes", () => {
  it("a panel export: each (participant id, code) row is checked as a pair", () => {
    // as Prolific exports submissions: quoted fields, a comma inside one, other columns around
    const pasted = [
      `"Submission id","Participant id","Status","Country of residence","Completion code"`,
      `"s1","5f00aa","APPROVED","United Kingdom","k7qpm2ab"`, // own code: matches
      `"s2","5f00bb","AWAITING REVIEW","Korea, Republic of","K7QPM2AB"`, // seat 1's code under seat 2's id
      `"s3","5f00dd","AWAITING REVIEW","France","M4N5P6Q7"`, // seat 3's code under an id that is no seat's
      `"s4","5f00cc","RETURNED","Spain",""`, // seat 3 itself: no code
      `"s5","5f00ee","AWAITING REVIEW","Spain","AAAA1111"`, // a code that is no seat's
      `"s6","5f00ff","AWAITING REVIEW","Spain","R8S9T2U3"`, // the lab seat's code: it has no panel id to compare
      `"s1","5f00aa","APPROVED","United Kingdom","K7QPM2AB"`, // the same pair again counts once
    ].join("\r\n");
    const m = matchCodes(pasted, rows);
    expect(m.mode).toBe("pairs");
    expect(m.columns).toEqual({ id: "Participant id", code: "Completion code" });
    expect(m.matched.map((x) => [x.code, x.row.participant])).toEqual([["K7QPM2AB", "p1"]]);
    expect(m.otherId.map((x) => [x.line, x.id, x.code, x.row.participant])).toEqual([
      [3, "5f00bb", "K7QPM2AB", "p1"],
      [4, "5f00dd", "M4N5P6Q7", "p3"],
      [7, "5f00ff", "R8S9T2U3", "p4"],
    ]);
    expect(m.noCode.map((x) => [x.line, x.id, x.row?.participant])).toEqual([[5, "5f00cc", "p3"]]);
    expect(m.unknownCode.map((x) => [x.line, x.id, x.code, x.row])).toEqual([[6, "5f00ee", "AAAA1111", null]]);
    expect(m.unknown).toEqual(["AAAA1111"]);
    // seats whose own pair is not in the export (seat 2 submitted seat 1's code; seat 3 none; the lab seat's went under another id)
    expect(m.missing.map((r) => r.participant)).toEqual(["p2", "p3", "p4"]);
  });

  it("reads MTurk's and hand-made exports: other column names, separators, quoted line breaks, a byte order mark", () => {
    const mturk = matchCodes('\uFEFFHITId,WorkerId,Answer.comment,Answer.surveycode\nh1,5F00AA,"line one\nline two",K7QPM2AB\nh1,5f00bb,,ZZ9X8Y7W\n', rows);
    expect(mturk.columns).toEqual({ id: "WorkerId", code: "Answer.surveycode" });
    expect(mturk.matched.map((x) => x.row.participant)).toEqual(["p1", "p2"]); // ids compared without case
    expect(pastedPairs("\n\nparticipant_id;completion_code\r\n5f00aa;k7qpm2ab\n5f00bb,ZZ9X8Y7W\n5f00cc\t\n")!.pairs).toEqual([
      { line: 4, id: "5f00aa", code: "K7QPM2AB" },
      { line: 5, id: "5f00bb", code: "ZZ9X8Y7W" }, // a row written with commas under a header with semicolons
      { line: 6, id: "5f00cc", code: "" },
    ]);
    // payments.csv itself: the panel id is external_id, not mechlab's participant column
    expect(pastedPairs("seat,participant,label,external_id,completion_code\n0,p1,,5f00aa,K7QPM2AB\n")!.pairs).toEqual([{ line: 2, id: "5f00aa", code: "K7QPM2AB" }]);
  });

  it("a plain list of codes (no id and code columns): every code matches its seat, whoever sent it", () => {
    const m = matchCodes("k7qpm2ab\nAAAA1111\n", rows);
    expect(m.mode).toBe("codes");
    expect(m.matched.map((x) => [x.code, x.row.participant])).toEqual([["K7QPM2AB", "p1"]]);
    expect(m.unknown).toEqual(["AAAA1111"]);
    expect(m.missing.map((r) => r.participant)).toEqual(["p2", "p3", "p4"]);
    expect([m.otherId, m.noCode, m.unknownCode]).toEqual([[], [], []]);
    // a header with only a code column is a list too
    expect(matchCodes("Completion code\nZZ9X8Y7W\n", rows).mode).toBe("codes");
  });

  it("reads codes between any separators, in any case or width, and says what to do with an empty or oversized paste", () => {
    // tab, semicolon, quotes, CRLF, no-break and zero-width spaces, full-width letters (NFKC)
    const m = matchCodes('"id";"code"\r\n5f00aa;"k7qpm2ab"\t\u00a0\u200bＺＺ９Ｘ８Ｙ７Ｗ\u200b,K7QPM2AB', rows);
    expect(m.mode).toBe("codes");
    expect(m.matched.map((x) => x.code)).toEqual(["K7QPM2AB", "ZZ9X8Y7W"]);
    expect(m.unknown).toEqual([]);
    expect(m.missing.map((r) => r.participant)).toEqual(["p3", "p4"]);
    expect(codePasteProblem("")).toMatch(/Paste the completion codes first/);
    expect(codePasteProblem(" ,;\n\t")).toMatch(/Paste the completion codes first/);
    expect(codePasteProblem("x".repeat(CODE_PASTE_MAX_CHARS + 1))).toMatch(/paste only the participant id and completion code columns/);
    expect(codePasteProblem("k7qpm2ab")).toBeNull();
    // 100,000 codes of nobody: all counted, the list shown is cut short with how many more
    const many = Array.from({ length: 100_000 }, (_, i) => `Q${String(i).padStart(7, "0")}`);
    const big = matchCodes(many.join("\n"), rows);
    expect(big.unknown).toHaveLength(100_000);
    expect(listSome(big.unknown)).toMatch(/^Q0000000, Q0000001, .* and 99980 more$/);
    expect(listSome(["A", "B"])).toBe("A, B");
    // an export of 100,000 rows is checked row by row in one go
    const rowsOf = Array.from({ length: 100_000 }, (_, i) => `5f${i},Q${String(i).padStart(7, "0")}`);
    const bigExport = matchCodes(`Participant id,Completion code\n${rowsOf.join("\n")}`, rows);
    expect(bigExport.unknownCode).toHaveLength(100_000);
  });
});

describe("checking a Prolific export when everyone submits the study's own code", () => {
  it("rows with the study's code (from the completion link) are matched by participant id", () => {
    const pasted = [
      `"Participant id","Status","Completion code"`,
      `"5f00aa","AWAITING REVIEW","C1A2B3C4"`,
      `"5f00bb","AWAITING REVIEW","c1a2b3c4"`,
      `"5fzzzz","AWAITING REVIEW","C1A2B3C4"`, // an id with no seat in this session
      `"5f00cc","RETURNED",""`,
    ].join("\r\n");
    const m = matchCodes(pasted, rows, ["C1A2B3C4"]);
    expect(m.mode).toBe("pairs");
    expect(m.matched.map((x) => x.row.participant)).toEqual(["p1", "p2"]);
    expect(m.unknownCode.map((x) => [x.line, x.id])).toEqual([[4, "5fzzzz"]]);
    expect(m.noCode.map((x) => x.row?.participant)).toEqual(["p3"]);
    expect(m.missing.map((r) => r.participant)).toEqual(["p3", "p4"]);
    // without the study's code the same paste matches nobody (what the check did before)
    expect(matchCodes(pasted, rows).matched).toEqual([]);
  });
});

describe("people who took no part, in the code check", () => {
  it("lists a seat that declined and a panel id whose seat was freed after failing the quiz, and leaves them out of the other lines", () => {
    const rows = [seat(0, "AAAA1111", "5f00aa"), { ...seat(1, "BBBB2222", "5f00bb"), leftBeforePlay: "declined" as const, payout: 0 }];
    const paste = "Participant id,Completion code\n5f00aa,STUDY1\n5F00BB,STUDY1\n5f00cc,STUDY1\n5f00dd,STUDY1\n";
    const r = matchCodes(paste, rows, ["STUDY1"]);
    const split = tookNoPart(r, [{ id: "5f00cc", left: "quiz_failed" }]);
    expect(split.people).toEqual(["seat 2 (5f00bb), declined", "line 4: 5f00cc, failed the quiz (their seat was given to someone else)"]);
    expect(split.matched.map((m) => m.row.participant)).toEqual(["p1"]);
    // an id nobody knows stays a code that matches no seat
    expect(split.unknownCode.map((u) => u.id)).toEqual(["5f00dd"]);
  });
});
