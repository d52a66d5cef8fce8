"use client";
/** Results of the round: own contract, resources, reward, utility and points; group counts; "Next round". */
import type { cipContracts } from "@/lib/games/cip-contracts";
import type { CipView } from "@/lib/games/cip-contracts/views";
import { fmt } from "../../lib-client/format";
import type { PhaseProps } from "../define-ui";
import { CipNews } from "./CipSituation";
import { NextRoundButton, pointsSoFar } from "../../components/participant/NextRoundButton";
import { History } from "../../components/kit/History";
import { notDecidedText } from "../../components/participant/phase-end-text";
import type { PlayView } from "@/lib/engine/views";

type Results = NonNullable<CipView["results"]>;

function statusText(r: Results, v: CipView, play: PlayView): string {
  switch (r.status) {
    case "signed":
      return v.allocation === "equal" ? "You accepted your equal share." : `You signed contract ${r.contract}.`;
    case "partial":
      return `You signed contract ${r.contract}, but the control center had only ${fmt(r.resources)} resources left when your turn came: you received them at the same rate.`;
    case "unserved":
      return `You accepted contract ${r.contract}, but the resources ran out before your turn (contracts are served in order of criticality): nothing was signed.`;
    case "rejected":
      return r.timedOut
        ? notDecidedText(play, "Time ran out before you answered, which counts as rejecting: no contract this round.", "it counts as rejecting: no contract this round.")
        : "You rejected the offer: no contract this round.";
    case "excluded":
      return "The control center's resources could not serve you this round (you stayed on its excluded list).";
  }
}

export function CipResults({ v, view, play, act, locked }: PhaseProps<typeof cipContracts, "results">) {
  const r = v.results;
  if (!r) return <p className="muted">Computing the results…</p>;
  const totalSoFar = pointsSoFar(view, play.round, r.points);
  const g = r.group;
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Your result this round</h3>
        <p data-testid="cip-result-status" data-status={r.status}>
          {statusText(r, v, play)}
        </p>
        <dl className="kv">
          <dt>Your type</dt>
          <dd>{v.me.number}</dd>
          {r.contract !== null && v.allocation === "menu" && (
            <>
              <dt>Contract chosen</dt>
              <dd data-testid="cip-result-contract">
                {r.contract}
                {r.ownContract ? " (yours)" : ""}
              </dd>
            </>
          )}
          <dt>Resources received r</dt>
          <dd data-testid="cip-result-resources">{fmt(r.resources)}</dd>
          <dt>Reward paid π</dt>
          <dd data-testid="cip-result-reward">{fmt(r.reward)}</dd>
          <dt>Your utility U = τ·a·r − c·π</dt>
          <dd data-testid="cip-result-utility">{fmt(r.utility)}</dd>
          <dt>Your points this round</dt>
          <dd data-testid="cip-result-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        {r.floored && <p className="small muted">Your points would have been negative, so they were set to 0.</p>}
        <p className="small muted">
          In your group: {g.signed} contract{g.signed === 1 ? "" : "s"} signed, {g.rejected} rejected, {g.excluded} excluded
          {g.unserved > 0 ? `, ${g.unserved} not served` : ""}; {fmt(g.handedOut)} of {fmt(g.budget)} resources handed out
          {g.offers > 1 ? ` after ${g.offers} offers` : ""}. Your total so far: {fmt(totalSoFar, 1)} points.
        </p>
      </section>
      <CipNews v={v} />
      <History view={view} />
      <NextRoundButton play={play} act={act} locked={locked} testIdPrefix="cip-" />
    </div>
  );
}
