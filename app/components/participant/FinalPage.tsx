"use client";
/** End of the session for this participant: points, payout, completion code and the optional redirect. */
import { useEffect, useState } from "react";
import type { ParticipantView } from "@/lib/engine/views";
import { fmt } from "../../lib-client/format";
import { CopyButton } from "../CopyButton";

const REDIRECT_AFTER_S = 10;
const isWebUrl = (u: string) => /^https?:\/\//i.test(u);

export function FinalPage({ view }: { view: ParticipantView }) {
  const done = view.done;
  const redirect = done?.redirectUrl && isWebUrl(done.redirectUrl) ? done.redirectUrl : null;
  const [left, setLeft] = useState(REDIRECT_AFTER_S);
  const [stopped, setStopped] = useState(false);

  useEffect(() => {
    if (!redirect || stopped) return;
    if (left <= 0) {
      window.location.assign(redirect);
      return;
    }
    const t = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(t);
  }, [redirect, left, stopped]);

  const total = done?.totalPoints ?? view.totalPoints;
  return (
    <section className="card" data-testid="final-page">
      <h2 style={{ marginTop: 0 }}>Thank you! You have finished.</h2>
      <dl className="kv">
        <dt>Your total points</dt>
        <dd className="big-number" data-testid="total-points">
          {fmt(total, 1)}
        </dd>
        {done && (done.payout > 0 || done.currency) && (
          <>
            <dt>Your payment</dt>
            <dd data-testid="payout">
              {done.payout.toFixed(2)} {done.currency}
            </dd>
          </>
        )}
      </dl>
      {done && (
        <div className="field">
          <span className="muted">Your completion code</span>
          <div className="row">
            <code className="room-code" style={{ fontSize: "1.8rem" }} data-testid="completion-code">
              {done.completionCode}
            </code>
            <CopyButton text={done.completionCode} label="Copy code" />
          </div>
          <p className="small muted">Write it down or copy it: you may need it to get paid.</p>
        </div>
      )}
      {redirect && (
        <div className="notice">
          <p style={{ margin: 0 }}>
            <a href={redirect} data-testid="redirect-link">
              Continue
            </a>{" "}
            {!stopped && `(you will be taken there automatically in ${left} s)`}
          </p>
          {!stopped && (
            <button type="button" className="secondary small" onClick={() => setStopped(true)}>
              Stay on this page
            </button>
          )}
        </div>
      )}
      {view.history.length > 0 && (
        <details>
          <summary>Points per round</summary>
          <table>
            <thead>
              <tr>
                <th>Round</th>
                <th className="num">Points</th>
              </tr>
            </thead>
            <tbody>
              {view.history.map((h) => (
                <tr key={h.round}>
                  <td>
                    {h.round}
                    {h.timedOut ? " (time ran out)" : ""}
                  </td>
                  <td className="num">{fmt(h.payoff, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
