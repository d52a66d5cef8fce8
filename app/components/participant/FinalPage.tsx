"use client";
/** End of the session for this participant: points, payout, completion code and the optional redirect. */
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { ParticipantView } from "@/lib/engine/views";
import { fmt, fmtMoney } from "../../lib-client/format";
import { CopyButton } from "../CopyButton";

const REDIRECT_AFTER_S = 10;
const isWebUrl = (u: string) => /^https?:\/\//i.test(u);

export function FinalPage({ view }: { view: ParticipantView }) {
  const t = useTranslations("final");
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
  if (done?.leftBeforePlay)
    return (
      <section className="card" data-testid="final-page">
        <h2 style={{ marginTop: 0 }}>
          {done.leftBeforePlay === "declined" ? t("declinedHeading") : done.leftBeforePlay === "introUnfinished" ? t("introUnfinishedHeading") : t("quizFailedHeading")}
        </h2>
        <p className="notice" data-testid="left-before-play">
          {done.leftBeforePlay === "declined" ? t("declined") : done.leftBeforePlay === "introUnfinished" ? t("introUnfinished") : t("quizFailed")}
        </p>
      </section>
    );
  const heading = !done
    ? t("heading")
    : done.waitedOut
      ? t("waitedOutHeading")
      : done.endedBeforePlay || done.endedEarly === "experimenter"
        ? t("endedHeading")
        : done.finished
          ? t("heading")
          : t("overHeading");
  // a bot's seat (its link was opened by someone): no completion code, nothing paid (lib/engine/views.ts)
  const botSeat = done?.botSeat === true;
  // rounds a bot played that the payment leaves out: the page shows the points that are paid
  const unpaidBotRounds = done !== null && done.botRounds > 0 && !done.botRoundsPaid;
  return (
    <section className="card" data-testid="final-page">
      <h2 style={{ marginTop: 0 }} data-testid="final-heading">
        {heading}
      </h2>
      {done?.endedBeforePlay && (
        <p className="notice" data-testid="ended-before-play">
          {t("endedBeforePlay")}
        </p>
      )}
      {done?.waitedOut && (
        <p className="notice" data-testid="waited-out">
          {t("waitedOut")}
        </p>
      )}
      {done?.endedEarly && (
        <p className="notice" data-testid="ended-early">
          {t(done.endedEarly === "experimenter" ? "endedEarly" : "groupEndedEarly", { played: done.roundsPlayed, rounds: done.rounds })}
        </p>
      )}
      {done && done.botRounds > 0 && (
        <p className="notice" data-testid="bot-rounds">
          {t(done.botByExperimenter ? "botRoundsExperimenter" : "botRounds", { bots: done.botRounds, played: done.roundsPlayed })}{" "}
          {done.botRoundsPaid
            ? t("botRoundsPaid")
            : done.botRounds >= done.roundsPlayed
              ? t("botRoundsUnpaidAll")
              : t("botRoundsUnpaid", { paid: fmt(done.paidPoints, 1) })}
        </p>
      )}
      <dl className="kv">
        <dt>{unpaidBotRounds ? t("totalPointsAll") : t("totalPoints")}</dt>
        <dd className="big-number" data-testid="total-points">
          {fmt(total, 1)}
        </dd>
        {unpaidBotRounds && (
          <>
            <dt>{t("paidPoints")}</dt>
            <dd data-testid="paid-points">{fmt(done.paidPoints, 1)}</dd>
          </>
        )}
        {done && !botSeat && (done.payout > 0 || done.currency) && (
          <>
            <dt>{t("payment")}</dt>
            <dd data-testid="payout">
              {done.currency ? t("money", { amount: fmtMoney(done.payout), currency: done.currency }) : fmtMoney(done.payout)}
            </dd>
          </>
        )}
      </dl>
      {botSeat && (
        <p className="notice" data-testid="bot-seat-done">
          {t("botSeatDone")}
        </p>
      )}
      {done && !botSeat && (
        <div className="field">
          <span className="muted">{t("completionCode")}</span>
          <div className="row">
            <code className="room-code" style={{ fontSize: "1.8rem" }} data-testid="completion-code">
              {done.completionCode}
            </code>
            <CopyButton text={done.completionCode} label={t("copyCode")} copiedLabel={t("copied")} promptLabel={t("copyPrompt")} />
          </div>
          <p className="small muted">{t("keepCode")}</p>
        </div>
      )}
      {redirect && (
        <div className="notice">
          <p style={{ margin: 0 }}>
            <a href={redirect} data-testid="redirect-link">
              {t("continue")}
            </a>{" "}
            {!stopped && t("redirectIn", { seconds: left })}
          </p>
          {!stopped && (
            <button type="button" className="secondary small" onClick={() => setStopped(true)}>
              {t("stay")}
            </button>
          )}
        </div>
      )}
      {view.history.length > 0 && (
        <details>
          <summary>{t("pointsPerRound")}</summary>
          <table>
            <thead>
              <tr>
                <th>{t("round")}</th>
                <th className="num">{t("points")}</th>
              </tr>
            </thead>
            <tbody>
              {view.history.map((h) => (
                <tr key={h.round}>
                  <td>
                    {h.endedByExperimenter ? t("roundEndedByExperimenter", { round: h.round }) : h.timedOut ? t("roundTimedOut", { round: h.round }) : h.round}
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
