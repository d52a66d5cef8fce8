"use client";
/** Results phase: own outcome, what the treatment shows of the others, and "Next round". */
import type { IdsView } from "@/lib/games/ids-investment/views";
import { fmt } from "../../lib-client/format";
import { useIntent } from "../../lib-client/use-intent";
import type { GameUiProps } from "../types";

type Results = NonNullable<IdsView["results"]>;

export function IdsResults({ v, r, props }: { v: IdsView; r: Results; props: GameUiProps }) {
  const { play, act, locked } = props;
  const { send, busy, error } = useIntent(act);
  const last = play.round >= play.rounds;
  // the engine credits a round's points when the round closes, i.e. after this screen
  const credited = props.view.history.some((h) => h.round === play.round);
  const totalSoFar = props.view.totalPoints + (credited ? 0 : r.points);
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Your result this round</h3>
        {r.timedOut && <p className="notice">Time ran out before you decided, so the default investment was used.</p>}
        <dl className="kv">
          <dt>Your investment</dt>
          <dd data-testid="my-x">{fmt(r.x)}</dd>
          <dt>Protection from the others</dt>
          <dd>{fmt(r.protection)}</dd>
          <dt>Your risk (expected loss)</dt>
          <dd>{fmt(r.risk)}</dd>
          <dt>Your investment cost</dt>
          <dd>{fmt(r.invest)}</dd>
          <dt>Your total cost</dt>
          <dd>{fmt(r.cost)}</dd>
          <dt>Your points this round</dt>
          <dd data-testid="my-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        <p className="small muted">
          Average investment in your group: {fmt(r.groupMeanX)}. Your total so far: {fmt(totalSoFar, 1)} points.
        </p>
      </section>
      {r.others && r.others.length > 0 && (
        <section className="card">
          <h3 style={{ marginTop: 0 }}>The others this round</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>User</th>
                  <th className="num">Investment</th>
                  {r.others.some((o) => o.cost !== null) && <th className="num">Total cost</th>}
                </tr>
              </thead>
              <tbody>
                {r.others.map((o) => (
                  <tr key={o.member}>
                    <td>User {o.member + 1}</td>
                    <td className="num">{fmt(o.x)}</td>
                    {o.cost !== null && <td className="num">{fmt(o.cost)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {play.myTurn ? (
        <>
          {error && (
            <p className="error" role="alert" data-testid="next-error">
              {error.message}
            </p>
          )}
          <button
            type="button"
            className="block"
            data-testid="next-round"
            disabled={busy || locked}
            onClick={() => void send(`r${play.round}:continue`, { type: "continue" })}
          >
            {busy ? "Sending…" : last ? "See my final result" : "Next round"}
          </button>
        </>
      ) : (
        <p className="ok-box" role="status">
          {play.pendingCount > 0
            ? `Waiting for ${play.pendingCount} other${play.pendingCount === 1 ? "" : "s"} to continue…`
            : "Starting the next round…"}
        </p>
      )}
      <p className="small muted">
        You are user {v.me.index + 1}. Points are {fmt(v.pointsScale)} × ({fmt(v.endowment)} − your total cost).
      </p>
    </div>
  );
}
