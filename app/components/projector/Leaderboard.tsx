"use client";
/**
 * Labels and points of the top places (the treatment's `leaderboard`), over the rounds every group has
 * finished while play goes on (`afterRound`; null: every round). Under a person who did not decide every
 * round themselves: how many rounds timed out or a bot played for them. With the treatment's
 * `leaderboard.minOwnRounds` (`minOwnRounds`), the board states the rule, and people who decided too few
 * rounds themselves follow the ranked, without a place ("–", "not ranked"), the same during play and after.
 */
import { useTranslations } from "use-intl";
import type { LeaderboardRow } from "@/lib/engine/projector-view";
import { fmt } from "../../lib-client/format";

/** `pilot`: every seat is a bot's (a pilot before people take part): the bots are ranked, and the board says why. */
export function Leaderboard({
  rows,
  afterRound,
  pilot = false,
  minOwnRounds = null,
}: {
  rows: readonly LeaderboardRow[];
  afterRound: number | null;
  pilot?: boolean;
  minOwnRounds?: number | null;
}) {
  const t = useTranslations("projector");
  const none = afterRound === 0;
  return (
    <section className="card" data-testid="leaderboard">
      <h2>{afterRound !== null && afterRound > 0 ? t("leaderboardAfter", { round: afterRound }) : t("leaderboard")}</h2>
      {pilot && (
        <p className="muted small" data-testid="leaderboard-pilot">
          {t("pilotRanked")}
        </p>
      )}
      {minOwnRounds !== null && !pilot && (
        <p className="muted small" data-testid="leaderboard-rule">
          {t("rankRule", { min: minOwnRounds })}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted" data-testid="leaderboard-empty">
          {none ? t("pointsLater") : t("noneRanked")}
        </p>
      ) : (
        <ol className="leaderboard">
          {rows.map((r, i) => {
            const notes = [r.rank === null ? t("unranked") : null, r.timeouts > 0 ? t("timeouts", { count: r.timeouts }) : null, r.botRounds > 0 ? t("botRounds", { count: r.botRounds }) : null].filter((x) => x !== null);
            return (
              <li key={i} data-testid={`leader-${i}`} data-ranked={r.rank !== null} className={r.rank === null ? "unranked" : undefined}>
                <span className="rank">{r.rank ?? "–"}</span>
                <span className="who">
                  {r.label}
                  {r.bot && <span className="muted small"> {t("bot")}</span>}
                </span>
                <span className="pts" data-testid={`leader-points-${i}`}>
                  {fmt(r.points, 1)}
                </span>
                {notes.length > 0 && (
                  <span className="muted small note" data-testid={`leader-note-${i}`}>
                    {notes.join(" · ")}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
