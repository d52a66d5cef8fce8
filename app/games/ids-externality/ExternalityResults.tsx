"use client";
/** Results: everyone's messages, the investment profile x̂, the own tax in three terms, cost and points. */
import { useTranslations } from "use-intl";
import type { idsExternality } from "@/lib/games/ids-externality";
import { History } from "../../components/kit/History";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";
import { MessagesTable } from "./MessagesTable";
import { TaxTerms } from "./TaxTerms";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";

export function ExternalityResults({ v, view, play, act, locked }: PhaseProps<typeof idsExternality, "results">) {
  const t = useTranslations("externality");
  const ids = useTranslations("ids");
  const g = useTranslations("game");
  const r = v.results;
  if (!r) return <p className="muted">{g("computingResults")}</p>;
  const totalSoFar = pointsSoFar(view, play.round, r.points);
  return (
    <div>
      <MessagesTable title={t("resultsTable")} messages={r.messages} x={r.x} me={v.me.index} testId="res-messages" />
      <section className="card">
        <h3 style={{ marginTop: 0 }}>{g("resultHeading")}</h3>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, t("timedOut"), t("endedByExperimenter"))}</p>}
        <TaxTerms t={r.terms} prefix="res" />
        <dl className="kv">
          <dt>{t("yourInvestmentHat")}</dt>
          <dd data-testid="my-x">{fmt(r.x[v.me.index], 3)}</dd>
          <dt>{ids("risk")}</dt>
          <dd>{fmt(r.risk, 3)}</dd>
          <dt>{ids("investCost")}</dt>
          <dd>{fmt(r.invest, 3)}</dd>
          <dt>{t("netCost")}</dt>
          <dd data-testid="my-net-cost">{fmt(r.netCost, 3)}</dd>
          <dt>{g("pointsThisRound")}</dt>
          <dd data-testid="my-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        <p className="small muted">
          {g("totalSoFar", { total: fmt(totalSoFar, 1) })} {t("balanced")}
        </p>
      </section>
      <NextRoundButton play={play} act={act} locked={locked} />
      <p className="small muted">
        {t("pointsRule", { user: v.me.index + 1, scale: fmt(v.rules.pointsScale), endowment: fmt(v.rules.endowment) })}
      </p>
      <History view={view} />
    </div>
  );
}
