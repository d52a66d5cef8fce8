"use client";
/** Results: the attack, whether it was stopped, the own patrol and payoffs (expected and realised), then "Next round". */
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { fmt } from "../../lib-client/format";
import { useIntent } from "../../lib-client/use-intent";
import type { GameUiProps } from "../types";
import { pct } from "./preview";

type Results = NonNullable<SsgView["results"]>;
const list = (v: SsgView, ts: readonly number[]) => (ts.length ? ts.map((t) => v.targets[t]).join(" and ") : "nowhere");

export function SsgResults({ v, r, props }: { v: SsgView; r: Results; props: GameUiProps }) {
  const { play, act, locked } = props;
  const { send, busy, error } = useIntent(act);
  const last = play.round >= play.rounds;
  const target = v.targets[r.target];
  const credited = props.view.history.some((h) => h.round === play.round);
  const total = props.view.totalPoints + (credited ? 0 : r.points);
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>
          The attacker attacked <span data-testid="result-target">{target}</span>
        </h3>
        <p data-testid="result-covered" className={r.covered ? "ok-box" : "error"}>
          {r.covered ? `${target} was protected: the attack was stopped.` : `${target} was not protected: the attack succeeded.`}
        </p>
        {r.timedOut && <p className="notice">Time ran out before you decided, so the default was used for you.</p>}
        {r.fallback && <p className="notice">The coordinator could not compute its plan this round; the usual uncoordinated patrols were used instead.</p>}
        <dl className="kv">
          {r.coalition && (
            <>
              <dt>Defenders coordinating</dt>
              <dd data-testid="result-coalition">{r.coalition.length ? r.coalition.map((i) => i + 1).join(", ") : "none"}</dd>
            </>
          )}
          {r.recommended && (
            <>
              <dt>You were told to patrol</dt>
              <dd>
                {list(v, r.recommended)} ({r.followed ? "you followed" : "you changed it"})
              </dd>
            </>
          )}
          <dt>Your patrol was at</dt>
          <dd data-testid="my-allocation">{list(v, r.myAllocation)}</dd>
          <dt>Chance {target} was protected</dt>
          <dd>{r.coverage ? pct(r.coverage[r.target] ?? 0) : "–"}</dd>
          <dt>Your expected payoff{v.pay === "expected" ? " (pays)" : ""}</dt>
          <dd data-testid="my-expected">{fmt(r.expected)}</dd>
          <dt>Your payoff from this attack{v.pay === "realised" ? " (pays)" : ""}</dt>
          <dd data-testid="my-realised">{fmt(r.realised)}</dd>
          <dt>Your points this round</dt>
          <dd data-testid="my-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        <p className="small muted">
          Points = {fmt(v.pointsOffset)} + {fmt(v.pointsScale)} × your {v.pay === "expected" ? "expected payoff" : "payoff from this attack"}. Your total so far:{" "}
          {fmt(total, 1)} points.
        </p>
      </section>
      {r.coverage && (
        <section className="card">
          <h3 style={{ marginTop: 0 }}>Chance that each target was protected</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Target</th>
                  <th className="num">By anyone</th>
                  <th className="num">By your patrol</th>
                </tr>
              </thead>
              <tbody>
                {v.targets.map((name, t) => (
                  <tr key={name}>
                    <td>
                      {name}
                      {t === r.target ? " (attacked)" : ""}
                    </td>
                    <td className="num" data-testid={`result-coverage-${t}`}>{pct(r.coverage![t] ?? 0)}</td>
                    <td className="num">{pct(r.myCoverage[t] ?? 0)}</td>
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
          <button type="button" className="block" data-testid="next-round" disabled={busy || locked} onClick={() => void send(`r${play.round}:continue`, { type: "continue" })}>
            {busy ? "Sending…" : last ? "See my final result" : "Next round"}
          </button>
        </>
      ) : (
        <p className="ok-box" role="status">
          {play.pendingCount > 0 ? `Waiting for ${play.pendingCount} other${play.pendingCount === 1 ? "" : "s"} to continue…` : "Starting the next round…"}
        </p>
      )}
    </div>
  );
}
