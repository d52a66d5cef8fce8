"use client";
/** Results: everyone's messages, the investment profile x̂, the own tax in three terms, cost and points. */
import type { ExternalityView } from "@/lib/games/ids-externality/views";
import { fmt } from "../../lib-client/format";
import { useIntent } from "../../lib-client/use-intent";
import type { GameUiProps } from "../types";
import { MessagesTable } from "./MessagesTable";
import { TaxTerms } from "./TaxTerms";

type Results = NonNullable<ExternalityView["results"]>;

export function ExternalityResults({ v, r, props }: { v: ExternalityView; r: Results; props: GameUiProps }) {
  const { play, act, locked } = props;
  const { send, busy, error } = useIntent(act);
  const last = play.round >= play.rounds;
  const credited = props.view.history.some((h) => h.round === play.round);
  const totalSoFar = props.view.totalPoints + (credited ? 0 : r.points);
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Messages and investments this round</h3>
        <MessagesTable messages={r.messages} x={r.x} me={v.me.index} testId="res-messages" />
      </section>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Your result this round</h3>
        {r.timedOut && <p className="notice">Time ran out, so your last message was sent again.</p>}
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
      {play.myTurn ? (
        <>
          {error && (
            <p className="error" role="alert" data-testid="next-error">
              {error.message}
            </p>
          )}
          <button type="button" className="block" data-testid="next-round" disabled={busy || locked} onClick={() => void send(`r${play.round}:continue`, { type: "continue" })}>
            {busy ? "Sending…" : last ? "See my final result" : "Next round"}
          </button>
        </>
      ) : (
        <p className="ok-box" role="status">
          {play.pendingCount > 0 ? `Waiting for ${play.pendingCount} other${play.pendingCount === 1 ? "" : "s"} to continue…` : "Starting the next round…"}
        </p>
      )}
      <p className="small muted">
        You are user {v.me.index + 1}. Points are {fmt(v.rules.pointsScale)} × ({fmt(v.rules.endowment)} − your total cost incl. tax).
      </p>
    </div>
  );
}
