"use client";
/** Results of the round: own contract, resources, reward, utility and points; public group counts (no totals); "Next round". */
import { useTranslations } from "use-intl";
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

function statusText(c: ReturnType<typeof useTranslations<"cip">>, r: Results, v: CipView, play: PlayView): string {
  const contract = r.contract ?? 0;
  switch (r.status) {
    case "signed":
      return v.allocation === "equal" ? c("signedEqual") : c("signed", { contract });
    case "partial":
      return c("partial", { contract, resources: fmt(r.resources) });
    case "unserved":
      return c("unserved", { contract });
    case "rejected":
      return r.timedOut ? notDecidedText(play, c("timedOut"), c("endedByExperimenter")) : c("rejected");
    case "excluded":
      return c("excludedResult");
  }
}

export function CipResults({ v, view, play, act, locked }: PhaseProps<typeof cipContracts, "results">) {
  const c = useTranslations("cip");
  const g = useTranslations("game");
  const r = v.results;
  if (!r) return <p className="muted">{g("computingResults")}</p>;
  const totalSoFar = pointsSoFar(view, play.round, r.points);
  const grp = r.group;
  return (
    <div>
      <section className="card">
        <h3 style={{ marginTop: 0 }}>{g("resultHeading")}</h3>
        <p data-testid="cip-result-status" data-status={r.status}>
          {statusText(c, r, v, play)}
        </p>
        <dl className="kv">
          <dt>{c("yourTypeShort")}</dt>
          <dd>{v.me.number}</dd>
          {r.contract !== null && v.allocation === "menu" && (
            <>
              <dt>{c("contractChosen")}</dt>
              <dd data-testid="cip-result-contract">{r.ownContract ? c("contractYours", { contract: r.contract }) : r.contract}</dd>
            </>
          )}
          <dt>{c("resourcesReceived")}</dt>
          <dd data-testid="cip-result-resources">{fmt(r.resources)}</dd>
          <dt>{c("rewardPaid")}</dt>
          <dd data-testid="cip-result-reward">{fmt(r.reward)}</dd>
          <dt>{c("yourUtility")}</dt>
          <dd data-testid="cip-result-utility">{fmt(r.utility)}</dd>
          <dt>{g("pointsThisRound")}</dt>
          <dd data-testid="cip-result-points" className="big-number">
            {fmt(r.points, 1)}
          </dd>
        </dl>
        {r.floored && <p className="small muted">{c("floored")}</p>}
        <p className="small muted">
          {grp &&
            c("groupSummary", {
              accepted: grp.accepted,
              rejected: grp.rejected,
              excluded: grp.excluded,
              offers: grp.offers,
            })}{" "}
          {g("totalSoFar", { total: fmt(totalSoFar, 1) })}
        </p>
      </section>
      <CipNews v={v} />
      <History view={view} />
      <NextRoundButton play={play} act={act} locked={locked} testIdPrefix="cip-" />
    </div>
  );
}
