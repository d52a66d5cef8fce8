"use client";
/**
 * The payment table (same rows as payments.csv): who gets what, with completion codes; and a box to
 * paste the codes a panel reports, to see which match a seat.
 */
import { useEffect, useState } from "react";
import type { PaymentRow } from "@/lib/study/payments";
import { codePasteProblem, listSome, matchCodes, type CodeMatch } from "@/lib/study/code-match";
import { api } from "../../lib-client/api";
import { fmt } from "../../lib-client/format";

function CodeCheck({ rows }: { rows: PaymentRow[] }) {
  const [text, setText] = useState("");
  const [result, setResult] = useState<CodeMatch | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const check = () => {
    const p = codePasteProblem(text);
    setProblem(p);
    setResult(p ? null : matchCodes(text, rows));
  };
  return (
    <details>
      <summary>Check completion codes from a panel</summary>
      <label htmlFor="codes-paste" className="small muted">
        Paste the codes (one per line, or the panel&apos;s CSV export):
      </label>
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
          <p data-testid="codes-matched">
            {result.matched.length} match a seat{result.matched.length > 0 ? ": " : "."}
            {listSome(result.matched.map((m) => `${m.code} → seat ${m.row.seat + 1} (${fmt(m.row.payout, 2)} ${m.row.currency})`), 200)}
          </p>
          <p data-testid="codes-unknown" className={result.unknown.length > 0 ? "error" : undefined}>
            {result.unknown.length} match no seat{result.unknown.length > 0 ? `: ${listSome(result.unknown)}` : "."}
          </p>
          <p data-testid="codes-missing">
            {result.missing.length} seat(s) not in your list
            {result.missing.length > 0 ? `: ${listSome(result.missing.map((r) => `seat ${r.seat + 1} (${r.completionCode})`), 200)}` : "."}
          </p>
        </div>
      )}
    </details>
  );
}

export function Payments({ sessionId, version }: { sessionId: string; version: number }) {
  const [rows, setRows] = useState<PaymentRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      void api<{ ok: true; rows: PaymentRow[] }>("GET", `/api/admin/sessions/${encodeURIComponent(sessionId)}/payments`).then((r) =>
        r.ok ? (setRows(r.body.rows), setError(null)) : setError(r.message),
      );
    }, 300);
    return () => clearTimeout(t);
  }, [sessionId, version]);
  const total = rows?.reduce((a, r) => a + r.payout, 0) ?? 0;
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
                  <th className="num">Payout</th>
                  <th className="num">Bot rounds</th>
                  <th>Finished</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.participant} data-testid={`payment-row-${r.seat}`}>
                    <td>{r.seat + 1}</td>
                    <td className="small">{r.participant}</td>
                    <td>{r.label ?? "–"}</td>
                    <td>{r.externalId ? `${r.externalSource}: ${r.externalId}` : "–"}</td>
                    <td>
                      <code data-testid={`payment-code-${r.seat}`}>{r.completionCode}</code>
                    </td>
                    <td className="num">{fmt(r.points, 2)}</td>
                    <td className="num" data-testid={`payment-payout-${r.seat}`}>
                      {r.payout.toFixed(2)} {r.currency}
                    </td>
                    <td className="num" data-testid={`payment-bot-rounds-${r.seat}`}>
                      {r.botRounds}
                    </td>
                    <td data-testid={`payment-finished-${r.seat}`}>{r.finished ? "yes" : "no"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted">
            Total {total.toFixed(2)} {rows[0]?.currency}. Payout = show-up fee + points × money per point
            {rows.some((r) => r.paidPoints !== r.points) ? " (rounds a bot played are not paid in this treatment)" : ""}.
          </p>
          <CodeCheck rows={rows} />
        </>
      )}
    </section>
  );
}
