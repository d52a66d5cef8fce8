"use client";
/**
 * The payment table (same rows and money figures as payments.csv): who gets what, with completion codes;
 * and a box to paste a panel's export (each participant id checked with the code it submitted) or a plain
 * list of codes (lib/study/code-match.ts).
 */
import { useEffect, useState } from "react";
import type { PaymentRow } from "@/lib/study/payments";
import { codePasteProblem, listSome, matchCodes, tookNoPart, type CodeMatch, type FormerLeaver } from "@/lib/study/code-match";
import { moneyText, sumMoney } from "@/lib/study/money";
import { api } from "../../lib-client/api";
import { fmt } from "../../lib-client/format";

/** Why a person had no game, after "no" in the Finished column. */
const leftText = (r: PaymentRow) =>
  r.leftBeforePlay === "declined" ? " (declined the consent)" : r.leftBeforePlay === "quiz_failed" ? " (failed the quiz)" : r.leftBeforePlay === "waited_out" ? " (no group in time)" : "";

const seatOf = (r: PaymentRow) => `seat ${r.seat + 1}${r.externalId ? ` (${r.externalId})` : " (no panel id)"}`;

function CodeCheck({ rows, studyCodes, former }: { rows: PaymentRow[]; studyCodes: string[]; former: FormerLeaver[] }) {
  const [text, setText] = useState("");
  const [result, setResult] = useState<CodeMatch | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const check = () => {
    const p = codePasteProblem(text);
    setProblem(p);
    setResult(p ? null : matchCodes(text, rows, studyCodes));
  };
  // people who declined the consent or failed the quiz have no completion to submit (the study's own code can still reach them)
  const split = result ? tookNoPart(result, former) : { people: [], matched: [], unknownCode: [] };
  return (
    <details>
      <summary>Check completion codes from a panel</summary>
      <label htmlFor="codes-paste" className="small muted">
        Paste the panel&apos;s CSV export with its header row (e.g. Prolific&apos;s submissions: each participant id is checked
        with the code it submitted), or just the codes, one per line:
      </label>
      {studyCodes.length > 0 && (
        <p className="small muted" data-testid="codes-study">
          Your completion link gives everyone the study&apos;s code {studyCodes.join(", ")}: rows with it are checked by participant id.
        </p>
      )}
      <textarea id="codes-paste" data-testid="codes-paste" rows={5} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="button" className="secondary" data-testid="codes-check" onClick={check}>
        Check codes
      </button>
      {problem && (
        <p className="error small" role="alert" data-testid="codes-problem">
          {problem}
        </p>
      )}
      {result && (
        <div data-testid="codes-result" className="small">
          <p data-testid="codes-mode" className="muted">
            {result.mode === "pairs" && result.columns
              ? `Read as a panel export: participant id from "${result.columns.id}", code from "${result.columns.code}"; each row checked as a pair.`
              : "Read as a list of codes (no participant id and completion code columns in the first line): who submitted a code is not checked."}
          </p>
          <p data-testid="codes-matched">
            {split.matched.length} {result.mode === "pairs" ? "submitted by their own seat's participant" : "match a seat"}
            {split.matched.length > 0 ? ": " : "."}
            {listSome(split.matched.map((m) => `${m.code} → seat ${m.row.seat + 1} (${moneyText(m.row.payout)} ${m.row.currency})`), 200)}
          </p>
          {split.people.length > 0 && (
            <p data-testid="codes-left-before-play" className="error">
              {split.people.length} took no part (declined the consent or used up the quiz&apos;s attempts), so theirs is not a completed study: ask them to return it
              {`: ${listSome(split.people)}`}
            </p>
          )}
          {result.mode === "pairs" && (
            <>
              <p data-testid="codes-other-id" className={result.otherId.length > 0 ? "error" : undefined}>
                {result.otherId.length} submitted under another participant&apos;s id
                {result.otherId.length > 0
                  ? `: ${listSome(result.otherId.map((x) => `line ${x.line}: ${x.id || "(no id)"} sent ${x.code}, the code of ${seatOf(x.row)}`))}`
                  : "."}
              </p>
              <p data-testid="codes-no-code" className={result.noCode.length > 0 ? "error" : undefined}>
                {result.noCode.length} row(s) without a code
                {result.noCode.length > 0 ? `: ${listSome(result.noCode.map((x) => `line ${x.line}: ${x.id}${x.row ? ` (seat ${x.row.seat + 1})` : ""}`))}` : "."}
              </p>
            </>
          )}
          <p data-testid="codes-unknown" className={(result.mode === "pairs" ? split.unknownCode.length : result.unknown.length) > 0 ? "error" : undefined}>
            {result.mode === "pairs" ? `${split.unknownCode.length} row(s) with a code that matches` : `${result.unknown.length} match`} no seat
            {(result.mode === "pairs" ? split.unknownCode.length : result.unknown.length) === 0
              ? "."
              : result.mode === "pairs"
                ? `: ${listSome(split.unknownCode.map((x) => `line ${x.line}: ${x.id || "(no id)"} sent ${x.code}${x.row ? ` (seat ${x.row.seat + 1}'s id)` : ""}`))}`
                : `: ${listSome(result.unknown)}`}
          </p>
          <p data-testid="codes-missing">
            {result.missing.length} seat(s) {result.mode === "pairs" ? "without their own code under their own id" : "not in your list"}
            {result.missing.length > 0
              ? `: ${listSome(result.missing.map((r) => `seat ${r.seat + 1} (${r.completionCode}${r.externalId ? `, ${r.externalId}` : ""})`), 200)}`
              : "."}
          </p>
        </div>
      )}
    </details>
  );
}

export function Payments({ sessionId, version }: { sessionId: string; version: number }) {
  const [rows, setRows] = useState<PaymentRow[] | null>(null);
  const [studyCodes, setStudyCodes] = useState<string[]>([]);
  const [former, setFormer] = useState<FormerLeaver[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      void api<{ ok: true; rows: PaymentRow[]; studyCodes?: string[]; formerLeavers?: FormerLeaver[] }>("GET", `/api/admin/sessions/${encodeURIComponent(sessionId)}/payments`).then((r) =>
        r.ok ? (setRows(r.body.rows), setStudyCodes(r.body.studyCodes ?? []), setFormer(r.body.formerLeavers ?? []), setError(null)) : setError(r.message),
      );
    }, 300);
    return () => clearTimeout(t);
  }, [sessionId, version]);
  const total = sumMoney(rows?.map((r) => r.payout) ?? []);
  const totalBonus = sumMoney(rows?.map((r) => r.bonus) ?? []);
  return (
    <section className="card" aria-labelledby="payments-h">
      <h2 id="payments-h" style={{ marginTop: 0 }}>
        Payments
      </h2>
      {error && <p className="error">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">Nobody has taken a seat yet.</p>}
      {rows && rows.length > 0 && (
        <>
          <div className="table-wrap">
            <table data-testid="payments-table">
              <thead>
                <tr>
                  <th>Seat</th>
                  <th>Participant</th>
                  <th>Label</th>
                  <th>External id</th>
                  <th>Completion code</th>
                  <th className="num">Points</th>
                  <th className="num">Bonus</th>
                  <th className="num">Payout</th>
                  <th className="num">Bot rounds</th>
                  <th>Finished</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.participant}#${r.seatHolder}`} data-testid={`payment-row-${r.seat}`}>
                    <td>{r.seat + 1}</td>
                    <td className="small">{r.participant}</td>
                    <td className="wrap-anywhere">{r.label ?? "–"}</td>
                    <td className="wrap-anywhere">{r.externalId ? `${r.externalSource}: ${r.externalId}` : "–"}</td>
                    <td>
                      <code data-testid={`payment-code-${r.seat}`}>{r.completionCode}</code>
                    </td>
                    <td className="num">{fmt(r.points, 2)}</td>
                    <td className="num" data-testid={`payment-bonus-${r.seat}`}>
                      {moneyText(r.bonus)} {r.currency}
                    </td>
                    <td className="num" data-testid={`payment-payout-${r.seat}`}>
                      {moneyText(r.payout)} {r.currency}
                    </td>
                    <td className="num" data-testid={`payment-bot-rounds-${r.seat}`}>
                      {r.botRounds}
                    </td>
                    <td data-testid={`payment-finished-${r.seat}`}>{r.finished ? "yes" : `no${leftText(r)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted" data-testid="payments-total">
            Total {moneyText(total)} {rows[0]?.currency}, of which bonuses {moneyText(totalBonus)}. Bonus = points × money per point
            {rows.some((r) => r.paidPoints !== r.points) ? " (rounds a bot played are not paid in this treatment)" : ""}; payout = show-up fee +
            bonus; both rounded to the cent (half away from zero), as in payments.csv. Finished = every round played and the
            person, not a bot, held the seat when play ended (also after Give back or a dropout&apos;s return, even when a bot chose in
            some rounds: see Bot rounds). People who declined the consent or used up the quiz&apos;s attempts took no part and are paid nothing.
          </p>
          <CodeCheck rows={rows} studyCodes={studyCodes} former={former} />
        </>
      )}
    </section>
  );
}
