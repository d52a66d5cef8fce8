"use client";
/** Results: the attack, whether it was stopped, the own patrol and payoffs (expected and realised), then "Next round". */
import type { ssgDefense } from "@/lib/games/ssg-defense";
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { History } from "../../components/kit/History";
import { ResultsTable } from "../../components/kit/ResultsTable";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";
import { pct } from "./preview";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";

const list = (v: SsgView, ts: readonly number[]) => (ts.length ? ts.map((t) => v.targets[t]).join(" and ") : "nowhere");

export function SsgResults({ v, view, play, act, locked }: PhaseProps<typeof ssgDefense, "results">) {
  const r = v.results;
  if (!r) return null;
  const coverage = r.coverage;
  const target = v.targets[r.target];
  const total = pointsSoFar(view, play.round, r.points);
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>
          The attacker attacked <span data-testid="result-target">{target}</span>
        </h3>
        <p data-testid="result-covered" className={r.covered ? "ok-box" : "error"}>
          {r.covered ? `${target} was protected: the attack was stopped.` : `${target} was not protected: the attack succeeded.`}
        </p>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, "Time ran out before you decided, so the default was used for you.", "the default was used for you.")}</p>}
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
      {coverage && (
        <ResultsTable
          title="Chance that each target was protected"
          testId="result-coverage"
          rows={v.targets.map((name, t) => ({ name, t }))}
          label={({ name, t }) => `${name}${t === r.target ? " (attacked)" : ""}`}
          columns={[
            { title: "By anyone", value: ({ t }) => pct(coverage[t] ?? 0) },
            { title: "By your patrol", value: ({ t }) => pct(r.myCoverage[t] ?? 0) },
          ]}
        />
      )}
      <NextRoundButton play={play} act={act} locked={locked} />
      <History view={view} />
    </div>
  );
}
