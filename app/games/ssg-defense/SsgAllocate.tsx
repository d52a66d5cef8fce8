"use client";
/** Decide phase, allocating alone: the coverage widget with its live preview, then wait for the others. */
import { useFormatter, useTranslations } from "use-intl";
import type { ssgDefense } from "@/lib/games/ssg-defense";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { CoverageEditor } from "./CoverageEditor";
import { assumption, pct, previewAllocation, readCoverage, usedUnits } from "./preview";
import { Waiting } from "./Waiting";
import { SsgSituation } from "./SsgSituation";

export function SsgAllocate({ v, play, view, act, locked }: PhaseProps<typeof ssgDefense, "decide">) {
  const tr = useTranslations("ssg");
  const g = useTranslations("game");
  const format = useFormatter();
  const refusalText = useRefusalText();
  const m = v.targets.length;
  const [text, setText] = useDraft(`mechlab:ssg:${view.participantId}:r${play.round}:allocate`, JSON.stringify(new Array(m).fill(0)));
  const cov = readCoverage(text, m);
  const { send, busy, error } = useIntent(act);
  const alone = v.mode === "coordinated";

  if (!play.myTurn) {
    return (
      <div>
        <Waiting pending={play.pendingCount} testId="alloc-done">
          {v.mySubmission.coverage
            ? tr("patrolSetAs", { plan: format.list(v.mySubmission.coverage.map((x, t) => `${v.targets[t]} ${pct(x)}`), { type: "unit" }) })
            : tr("patrolSet")}
        </Waiting>
        <SsgSituation v={v} />
      </div>
    );
  }
  const unused = v.me.resources - usedUnits(cov);
  return (
    <div>
      <SsgSituation v={v} />
      <section className="card">
        <h3 style={{ marginTop: 0 }}>{alone ? tr("splitAlone") : tr("split")}</h3>
        {alone && (
          <p className="small">
            {v.join?.all ? `${tr("coordinating", { list: format.list(v.join.all.flatMap((j, i) => (j ? [tr("defender", { defender: i + 1 })] : [])), { type: "conjunction" }) || tr("nobody") })} ` : ""}
            {tr("coordinatorAfterYou")}
          </p>
        )}
        <CoverageEditor
          v={v}
          value={cov}
          onChange={(c) => setText(JSON.stringify(c))}
          preview={previewAllocation(v, cov)}
          assumption={tr(assumption(v, "allocate"))}
          presets={v.last.own ? [{ label: tr("sameAsLast"), coverage: v.last.own.map((x) => Math.floor(x * 100) / 100) }] : []}
          disabled={locked || busy}
        />
        {unused > 0.005 && v.me.resources > 0 && (
          <p className="small muted">{tr("unused", { share: pct(unused) })}</p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="alloc-error">
            {refusalText(error)}
          </p>
        )}
        <button
          type="button"
          className="block"
          data-testid="alloc-submit"
          disabled={busy || locked}
          onClick={() => void send(`r${play.round}:allocate:${JSON.stringify(cov)}`, { type: "allocate", coverage: cov })}
        >
          {busy ? g("sending") : tr("confirmPatrol")}
        </button>
      </section>
    </div>
  );
}
