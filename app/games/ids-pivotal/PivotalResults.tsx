"use client";
/** Results: own join, report, prescribed and realised investment, tax, costs and points; the others per feedback. */
import type { idsPivotal } from "@/lib/games/ids-pivotal";
import { History } from "../../components/kit/History";
import { ResultsTable } from "../../components/kit/ResultsTable";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";

export function PivotalResults({ v, view, play, act, locked }: PhaseProps<typeof idsPivotal, "results">) {
  const r = v.results;
  if (!r) return <p className="muted">Computing the results…</p>;
  const totalSoFar = pointsSoFar(view, play.round, r.points);
  const others = r.others ?? [];
  const showTaxes = others.some((o) => o.tax !== null);
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Your result this round</h3>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, "Time ran out in one of the steps, so the default was used.", "the default was used.")}</p>}
        {r.mechanismError && <p className="notice">The mechanism could not be computed this round: no taxes were charged.</p>}
        <dl className="kv">
          <dt>You</dt>
          <dd data-testid="my-joined">{r.joined ? "joined" : "stayed out"}</dd>
          {r.report && (
            <>
              <dt>Your report (α, c{r.report.q > 0 ? ", q" : ""})</dt>
              <dd>
                {fmt(r.report.alpha, 4)}, {fmt(r.report.c, 4)}
                {r.report.q > 0 ? `, ${fmt(r.report.q, 4)}` : ""}
              </dd>
              <dt>Investment set by the mechanism</dt>
              <dd data-testid="my-prescribed">{fmt(r.prescribed, 3)}</dd>
            </>
          )}
          <dt>Your investment</dt>
          <dd data-testid="my-x">{fmt(r.x, 3)}</dd>
          <dt>Protection from the others</dt>
          <dd>{fmt(r.protection, 3)}</dd>
          <dt>Your risk (expected loss)</dt>
          <dd>{fmt(r.risk)}</dd>
          <dt>Your investment cost</dt>
          <dd>{fmt(r.invest)}</dd>
          <dt>Your tax {r.tax !== null && r.tax < 0 ? "(negative: you are paid)" : ""}</dt>
          <dd data-testid="my-tax">{r.tax === null ? "none" : fmt(r.tax, 3)}</dd>
          <dt>Your total cost incl. tax</dt>
          <dd data-testid="my-net-cost">{fmt(r.netCost)}</dd>
          <dt>Your points this round</dt>
          <dd data-testid="my-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        <p className="small muted">Your total so far: {fmt(totalSoFar, 1)} points.</p>
      </section>
      <ResultsTable
        title="The others this round"
        testId="others-table"
        rows={others}
        label={(o) => `User ${o.member + 1}`}
        columns={[
          { title: "Joined", value: (o) => (o.joined ? "yes" : "no") },
          { title: "Investment", value: (o) => o.x, digits: 3 },
          ...(showTaxes ? [{ title: "Tax", value: (o: (typeof others)[number]) => o.tax, digits: 3 }] : []),
        ]}
      />
      {r.budget !== null && (
        <p className="small" data-testid="budget">
          Sum of all taxes: {fmt(r.budget, 3)} {r.budget < 0 ? "(the organiser paid the difference)" : ""}
        </p>
      )}
      <NextRoundButton play={play} act={act} locked={locked} />
      <p className="small muted">
        You are user {v.me.index + 1}. Points are {fmt(v.rules.pointsScale)} × ({fmt(v.rules.endowment)} − your total cost incl. tax).
      </p>
      <History view={view} />
    </div>
  );
}
