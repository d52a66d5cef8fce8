"use client";
/** Results: own join, report, prescribed and realised investment, tax, costs and points; the others per feedback. */
import { useTranslations } from "use-intl";
import type { idsPivotal } from "@/lib/games/ids-pivotal";
import { History } from "../../components/kit/History";
import { ResultsTable } from "../../components/kit/ResultsTable";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";

export function PivotalResults({ v, view, play, act, locked }: PhaseProps<typeof idsPivotal, "results">) {
  const t = useTranslations("pivotal");
  const ids = useTranslations("ids");
  const g = useTranslations("game");
  const r = v.results;
  if (!r) return <p className="muted">{g("computingResults")}</p>;
  const totalSoFar = pointsSoFar(view, play.round, r.points);
  const others = r.others ?? [];
  const showTaxes = others.some((o) => o.tax !== null);
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>{g("resultHeading")}</h3>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, t("timedOut"), t("endedByExperimenter"))}</p>}
        {r.mechanismError && <p className="notice">{t("mechanismError")}</p>}
        <dl className="kv">
          <dt>{t("you")}</dt>
          <dd data-testid="my-joined">{r.joined ? t("joined") : t("stayedOut")}</dd>
          {r.report && (
            <>
              <dt>{r.report.q > 0 ? t("yourReportWithQ") : t("yourReport")}</dt>
              <dd>
                {fmt(r.report.alpha, 4)}, {fmt(r.report.c, 4)}
                {r.report.q > 0 ? `, ${fmt(r.report.q, 4)}` : ""}
              </dd>
              <dt>{t("prescribed")}</dt>
              <dd data-testid="my-prescribed">{fmt(r.prescribed, 3)}</dd>
            </>
          )}
          <dt>{ids("yourInvestment")}</dt>
          <dd data-testid="my-x">{fmt(r.x, 3)}</dd>
          <dt>{ids("protectionFromOthers")}</dt>
          <dd>{fmt(r.protection, 3)}</dd>
          <dt>{ids("risk")}</dt>
          <dd>{fmt(r.risk)}</dd>
          <dt>{ids("investCost")}</dt>
          <dd>{fmt(r.invest)}</dd>
          <dt>
            {t("yourTax")} {r.tax !== null && r.tax < 0 ? g("negativePaid") : ""}
          </dt>
          <dd data-testid="my-tax">{r.tax === null ? g("none") : fmt(r.tax, 3)}</dd>
          <dt>{t("netCost")}</dt>
          <dd data-testid="my-net-cost">{fmt(r.netCost)}</dd>
          <dt>{g("pointsThisRound")}</dt>
          <dd data-testid="my-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        <p className="small muted">{g("totalSoFar", { total: fmt(totalSoFar, 1) })}</p>
      </section>
      <ResultsTable
        title={ids("othersThisRound")}
        testId="others-table"
        rows={others}
        label={(o) => ids("user", { user: o.member + 1 })}
        columns={[
          { title: t("joinedColumn"), value: (o) => (o.joined ? g("yes") : g("no")) },
          { title: ids("investment"), value: (o) => o.x, digits: 3 },
          ...(showTaxes ? [{ title: t("taxColumn"), value: (o: (typeof others)[number]) => o.tax, digits: 3 }] : []),
        ]}
      />
      {r.budget !== null && (
        <p className="small" data-testid="budget">
          {t("budget", { budget: fmt(r.budget, 3) })} {r.budget < 0 ? t("organiserPaid") : ""}
        </p>
      )}
      <NextRoundButton play={play} act={act} locked={locked} />
      <p className="small muted">
        {t("pointsRule", { user: v.me.index + 1, scale: fmt(v.rules.pointsScale), endowment: fmt(v.rules.endowment) })}
      </p>
      <History view={view} />
    </div>
  );
}
