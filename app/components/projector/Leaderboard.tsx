"use client";
/** Labels and total points of the top places (the treatment's `leaderboard`). */
import { useTranslations } from "use-intl";
import type { LeaderboardRow } from "@/lib/engine/projector-view";
import { fmt } from "../../lib-client/format";

export function Leaderboard({ rows }: { rows: readonly LeaderboardRow[] }) {
  const t = useTranslations("projector");
  return (
    <section className="card" data-testid="leaderboard">
      <h2>{t("leaderboard")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("pointsLater")}</p>
      ) : (
        <ol className="leaderboard">
          {rows.map((r, i) => (
            <li key={i} data-testid={`leader-${i}`}>
              <span className="rank">{r.rank}</span>
              <span className="who">
                {r.label}
                {r.bot && <span className="muted small"> {t("bot")}</span>}
              </span>
              <span className="pts" data-testid={`leader-points-${i}`}>
                {fmt(r.points, 1)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
