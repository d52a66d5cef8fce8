"use client";
/** Results: everyone's messages, the investment profile x̂, the own tax in three terms, cost and points. */
import type { idsExternality } from "@/lib/games/ids-externality";
import { History } from "../../components/kit/History";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";
import { MessagesTable } from "./MessagesTable";
import { TaxTerms } from "./TaxTerms";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";

export function ExternalityResults({ v, view, play, act, locked }: PhaseProps<typeof idsExternality, "results">) {
  const r = v.results;
  if (!r) return <p className="muted">Computing the results…</p>;
  const totalSoFar = pointsSoFar(view, play.round, r.points);
  return (
    <div>
      <MessagesTable title="Messages and investments this round" messages={r.messages} x={r.x} me={v.me.index} testId="res-messages" />
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Your result this round</h3>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, "Time ran out, so your last message was sent again.", "your last message was sent again.")}</p>}
        <TaxTerms t={r.terms} prefix="res" />
        <dl className="kv">
          <dt>Your investment x̂</dt>
          <dd data-testid="my-x">{fmt(r.x[v.me.index], 3)}</dd>
          <dt>Your risk (expected loss)</dt>
          <dd>{fmt(r.risk, 3)}</dd>
          <dt>Your investment cost</dt>
          <dd>{fmt(r.invest, 3)}</dd>
          <dt>Your total cost incl. tax</dt>
          <dd data-testid="my-net-cost">{fmt(r.netCost, 3)}</dd>
          <dt>Your points this round</dt>
          <dd data-testid="my-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        <p className="small muted">Your total so far: {fmt(totalSoFar, 1)} points. All taxes together add up to zero.</p>
      </section>
      <NextRoundButton play={play} act={act} locked={locked} />
      <p className="small muted">
        You are user {v.me.index + 1}. Points are {fmt(v.rules.pointsScale)} × ({fmt(v.rules.endowment)} − your total cost incl. tax).
      </p>
      <History view={view} />
    </div>
  );
}
