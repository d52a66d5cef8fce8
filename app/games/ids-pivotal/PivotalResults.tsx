"use client";
/** Results: own join, report, prescribed and realised investment, tax, costs and points; the others per feedback. */
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { fmt } from "../../lib-client/format";
import type { GameUiProps } from "../types";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";

type Results = NonNullable<PivotalView["results"]>;

export function PivotalResults({ v, r, props }: { v: PivotalView; r: Results; props: GameUiProps }) {
  const { play, act, locked } = props;
  const totalSoFar = pointsSoFar(props.view, play.round, r.points);
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
      {r.others && r.others.length > 0 && (
        <section className="card">
          <h3 style={{ marginTop: 0 }}>The others this round</h3>
          <div className="table-wrap">
            <table data-testid="others-table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Joined</th>
                  <th className="num">Investment</th>
                  {r.others.some((o) => o.tax !== null) && <th className="num">Tax</th>}
                </tr>
              </thead>
              <tbody>
                {r.others.map((o) => (
                  <tr key={o.member}>
                    <td>User {o.member + 1}</td>
                    <td>{o.joined ? "yes" : "no"}</td>
                    <td className="num">{fmt(o.x, 3)}</td>
                    {r.others!.some((x) => x.tax !== null) && <td className="num">{o.tax === null ? "–" : fmt(o.tax, 3)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.budget !== null && (
            <p className="small" data-testid="budget">
              Sum of all taxes: {fmt(r.budget, 3)} {r.budget < 0 ? "(the organiser paid the difference)" : ""}
            </p>
          )}
        </section>
      )}
      <NextRoundButton play={play} act={act} locked={locked} />
      <p className="small muted">
        You are user {v.me.index + 1}. Points are {fmt(v.rules.pointsScale)} × ({fmt(v.rules.endowment)} − your total cost incl. tax).
      </p>
    </div>
  );
}
