"use client";
/** Results: the attack, whether it was stopped, the own patrol and payoffs (expected and realised), then "Next round". */
import { useFormatter, useTranslations } from "use-intl";
import type { ssgDefense } from "@/lib/games/ssg-defense";
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { History } from "../../components/kit/History";
import { ResultsTable } from "../../components/kit/ResultsTable";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";
import { chanceRow, pct } from "./preview";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";

export function SsgResults({ v, view, play, act, locked }: PhaseProps<typeof ssgDefense, "results">) {
  const tr = useTranslations("ssg");
  const g = useTranslations("game");
  const format = useFormatter();
  const list = (targets: SsgView["targets"], ts: readonly number[]) => (ts.length ? format.list(ts.map((t) => targets[t] ?? ""), { type: "conjunction" }) : tr("nowhere"));
  const r = v.results;
  if (!r) return null;
  const coverage = r.coverage;
  const target = v.targets[r.target];
  const total = pointsSoFar(view, play.round, r.points);
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>
          {tr("attacked")} <span data-testid="result-target">{target}</span>
        </h3>
        <p data-testid="result-covered" className={r.covered ? "ok-box" : "error"}>
          {r.covered ? tr("stopped", { target: target ?? "" }) : tr("succeeded", { target: target ?? "" })}
        </p>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, tr("timedOut"), tr("endedByExperimenter"))}</p>}
        {r.fallback && <p className="notice">{tr("fallbackResult")}</p>}
        <dl className="kv">
          {r.coalition && (
            <>
              <dt>{tr("defendersCoordinating")}</dt>
              <dd data-testid="result-coalition">{r.coalition.length ? r.coalition.map((i) => i + 1).join(", ") : tr("noDefender")}</dd>
            </>
          )}
          {r.recommended && (
            <>
              <dt>{tr("toldToPatrol")}</dt>
              <dd>
                {list(v.targets, r.recommended)} {r.followed ? tr("youFollowed") : tr("youChangedIt")}
              </dd>
            </>
          )}
          <dt>{tr("patrolWasAt")}</dt>
          <dd data-testid="my-allocation">{list(v.targets, r.myAllocation)}</dd>
          {chanceRow(r) !== "none" && (
            <>
              <dt>{tr("chanceProtected", { target: target ?? "" })}</dt>
              <dd data-testid="result-chance">{r.coverage ? pct(r.coverage[r.target] ?? 0) : <span className="muted">{tr("chanceWithheld")}</span>}</dd>
            </>
          )}
          <dt>{v.pay === "expected" ? tr("expectedPays") : tr("expected")}</dt>
          <dd data-testid="my-expected">{fmt(r.expected)}</dd>
          <dt>{v.pay === "realised" ? tr("realisedPays") : tr("realised")}</dt>
          <dd data-testid="my-realised">{fmt(r.realised)}</dd>
          <dt>{g("pointsThisRound")}</dt>
          <dd data-testid="my-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        <p className="small muted">
          {tr(v.pay === "expected" ? "pointsRuleExpected" : "pointsRuleThisAttack", { offset: fmt(v.pointsOffset), scale: fmt(v.pointsScale) })}{" "}
          {g("totalSoFar", { total: fmt(total, 1) })}
        </p>
      </section>
      {coverage && (
        <ResultsTable
          title={tr("coverageTable")}
          testId="result-coverage"
          rows={v.targets.map((name, t) => ({ name, t }))}
          label={({ name, t }) => (t === r.target ? tr("targetAttacked", { target: name }) : name)}
          columns={[
            { title: tr("byAnyone"), value: ({ t }) => pct(coverage[t] ?? 0) },
            { title: tr("byYourPatrol"), value: ({ t }) => pct(r.myCoverage[t] ?? 0) },
          ]}
        />
      )}
      <NextRoundButton play={play} act={act} locked={locked} />
      <History view={view} />
    </div>
  );
}
