"use client";
/** Results phase: own outcome, what the treatment shows of the others, and "Next round". */
import type { IdsView } from "@/lib/games/ids-investment/views";
import { fmt } from "../../lib-client/format";
import type { GameUiProps } from "../types";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";

type Results = NonNullable<IdsView["results"]>;

export function IdsResults({ v, r, props }: { v: IdsView; r: Results; props: GameUiProps }) {
  const { play, act, locked } = props;
  // the engine credits a round's points when the round closes, i.e. after this screen
  const totalSoFar = pointsSoFar(props.view, play.round, r.points);
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Your result this round</h3>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, "Time ran out before you decided, so the default investment was used.", "the default investment was used.")}</p>}
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
      <NextRoundButton play={play} act={act} locked={locked} />
      <p className="small muted">
        You are user {v.me.index + 1}. Points are {fmt(v.pointsScale)} × ({fmt(v.endowment)} − your total cost).
      </p>
    </div>
  );
}
