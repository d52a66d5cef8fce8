"use client";
/** Results phase: own outcome, what the treatment shows of the others, and "Next round". */
import { useTranslations } from "use-intl";
import type { idsInvestment } from "@/lib/games/ids-investment";
import { History } from "../../components/kit/History";
import { ResultsTable } from "../../components/kit/ResultsTable";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";

export function IdsResults({ v, view, play, act, locked }: PhaseProps<typeof idsInvestment, "results">) {
  const t = useTranslations("ids");
  const g = useTranslations("game");
  const r = v.results;
  if (!r) return null;
  const mine: [string, number, string?][] = [[t("yourInvestment"), r.x, "my-x"], [t("protectionFromOthers"), r.protection], [t("risk"), r.risk], [t("investCost"), r.invest], [t("totalCost"), r.cost]];
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>{g("resultHeading")}</h3>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, t("timedOut"), t("endedByExperimenter"))}</p>}
        <dl className="kv">
          {mine.map(([k, val, id]) => [<dt key={k}>{k}</dt>, <dd key={`${k}=`} data-testid={id}>{fmt(val)}</dd>])}
          <dt>{g("pointsThisRound")}</dt>
          <dd data-testid="my-points" className="big-number">{fmt(r.points, 1)}</dd>
        </dl>
        {/* the engine credits a round's points when the round closes, i.e. after this screen */}
        <p className="small muted">
          {r.groupMeanX === null
            ? t("totalSoFar", { total: fmt(pointsSoFar(view, play.round, r.points), 1) })
            : t("groupMean", { x: fmt(r.groupMeanX), total: fmt(pointsSoFar(view, play.round, r.points), 1) })}
        </p>
      </section>
      <ResultsTable
        title={t("othersThisRound")}
        rows={r.others ?? []}
        label={(o) => t("user", { user: o.member + 1 })}
        columns={[{ title: t("investment"), value: (o) => o.x }, ...(r.others?.some((o) => o.cost !== null) ? [{ title: t("totalCostColumn"), value: (o: { cost: number | null }) => o.cost }] : [])]}
      />
      <NextRoundButton play={play} act={act} locked={locked} />
      <p className="small muted">{t("pointsRule", { user: v.me.index + 1, scale: fmt(v.pointsScale), endowment: fmt(v.endowment) })}</p>
      <History view={view} />
    </div>
  );
}
