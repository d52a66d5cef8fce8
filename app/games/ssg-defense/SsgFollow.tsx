"use client";
/** Follow phase: the private recommendation, the public plan, and follow it or change it (with the live preview). */
import { useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { useRefusalText } from "../../i18n/use-refusal-text";
import type { ssgDefense } from "@/lib/games/ssg-defense";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { CoverageEditor } from "./CoverageEditor";
import { assumption, pct, previewChange, readCoverage } from "./preview";
import { SsgSituation } from "./SsgSituation";
import { Waiting } from "./Waiting";

export function SsgFollow({ v, play, view, act, locked }: PhaseProps<typeof ssgDefense, "follow">) {
  const tr = useTranslations("ssg");
  const g = useTranslations("game");
  const format = useFormatter();
  const refusalText = useRefusalText();
  const rec = v.recommendation;
  const m = v.targets.length;
  const told = v.targets.map((_, t) => (rec?.mine.includes(t) ? 1 : 0));
  const [text, setText] = useDraft(`mechlab:ssg:${view.participantId}:r${play.round}:change`, JSON.stringify(told));
  const [changing, setChanging] = useState(false);
  const { send, busy, error } = useIntent(act);
  if (!rec) return <p className="muted">{tr("waitingRecommendation")}</p>;
  const where = rec.mine.length ? format.list(rec.mine.map((t) => v.targets[t] ?? ""), { type: "conjunction" }) : tr("nowhereNoPatrol");

  if (!play.myTurn)
    return (
      <div>
        <Waiting pending={play.pendingCount} testId="follow-done">
          {rec.myPlay?.followed ? tr("youFollow") : tr("youChanged")}
        </Waiting>
        <SsgSituation v={v} />
      </div>
    );
  const cov = readCoverage(text, m);
  const preview = previewChange(v, cov)!;
  return (
    <div>
      <section className="card" aria-labelledby="ssg-rec">
        <h3 id="ssg-rec" style={{ marginTop: 0 }}>
          {tr("recommendationFor")} <span data-testid="recommended">{where}</span>
        </h3>
        <p className="small">
          {tr("onlyYou")} {rec.fallback ? `${tr("fallbackRecommendation")} ` : ""}
          {tr(rec.planTarget !== null ? "planWithTarget" : "plan", {
            plan: format.list(v.targets.map((name, t) => `${name} ${pct(rec.plan[t] ?? 0)}`), { type: "unit" }),
            target: rec.planTarget !== null ? (v.targets[rec.planTarget] ?? "") : "",
          })}
        </p>
        {error && (
          <p className="error" role="alert" data-testid="follow-error">
            {refusalText(error)}
          </p>
        )}
        <div className="grid-2">
          <button type="button" data-testid="follow-submit" disabled={busy || locked} onClick={() => void send(`r${play.round}:follow`, { type: "follow" })}>
            {tr("follow")}
          </button>
          <button type="button" className="secondary" data-testid="change-open" disabled={busy || locked || changing} onClick={() => setChanging(true)}>
            {tr("changeOpen")}
          </button>
        </div>
      </section>
      {changing && (
        <section className="card">
          <h3 style={{ marginTop: 0 }}>{tr("changeHeading")}</h3>
          <CoverageEditor
            v={v}
            value={cov}
            onChange={(c) => setText(JSON.stringify(c))}
            preview={preview}
            assumption={tr(assumption(v, "change"))}
            presets={[{ label: tr("asRecommended"), coverage: told }]}
            disabled={locked || busy}
          />
          <button
            type="button"
            className="block"
            data-testid="change-submit"
            disabled={busy || locked}
            onClick={() => void send(`r${play.round}:change:${JSON.stringify(cov)}`, { type: "allocate", coverage: cov })}
          >
            {busy ? g("sending") : tr("playInstead")}
          </button>
        </section>
      )}
      <SsgSituation v={v} />
    </div>
  );
}
