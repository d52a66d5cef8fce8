"use client";
/** Results phase: own outcome, what the treatment shows of the others, and "Next round". */
import type { idsInvestment } from "@/lib/games/ids-investment";
import { History } from "../../components/kit/History";
import { ResultsTable } from "../../components/kit/ResultsTable";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { notDecidedText } from "../../components/participant/phase-end-text";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";

export function IdsResults({ v, view, play, act, locked }: PhaseProps<typeof idsInvestment, "results">) {
  const r = v.results;
  if (!r) return null;
  const mine: [string, number, string?][] = [["Your investment", r.x, "my-x"], ["Protection from the others", r.protection], ["Your risk (expected loss)", r.risk], ["Your investment cost", r.invest], ["Your total cost", r.cost]];
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Your result this round</h3>
        {r.timedOut && <p className="notice" data-testid="not-decided">{notDecidedText(play, "Time ran out before you decided, so the default investment was used.", "the default investment was used.")}</p>}
        <dl className="kv">
          {mine.map(([k, val, id]) => [<dt key={k}>{k}</dt>, <dd key={`${k}=`} data-testid={id}>{fmt(val)}</dd>])}
          <dt>Your points this round</dt>
          <dd data-testid="my-points" className="big-number">{fmt(r.points, 1)}</dd>
        </dl>
        {/* the engine credits a round's points when the round closes, i.e. after this screen */}
        <p className="small muted">Average investment in your group: {fmt(r.groupMeanX)}. Your total so far: {fmt(pointsSoFar(view, play.round, r.points), 1)} points.</p>
      </section>
      <ResultsTable
        title="The others this round"
        rows={r.others ?? []}
        label={(o) => `User ${o.member + 1}`}
        columns={[{ title: "Investment", value: (o) => o.x }, ...(r.others?.some((o) => o.cost !== null) ? [{ title: "Total cost", value: (o: { cost: number | null }) => o.cost }] : [])]}
      />
      <NextRoundButton play={play} act={act} locked={locked} />
      <p className="small muted">You are user {v.me.index + 1}. Points are {fmt(v.pointsScale)} × ({fmt(v.endowment)} − your total cost).</p>
      <History view={view} />
    </div>
  );
}
