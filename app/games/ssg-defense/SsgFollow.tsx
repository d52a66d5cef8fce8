"use client";
/** Follow phase: the private recommendation, the public plan, and follow it or change it (with the live preview). */
import { useState } from "react";
import type { ssgDefense } from "@/lib/games/ssg-defense";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { CoverageEditor } from "./CoverageEditor";
import { assumption, pct, previewChange, readCoverage } from "./preview";
import { SsgSituation } from "./SsgSituation";
import { Waiting } from "./Waiting";

export function SsgFollow({ v, play, view, act, locked }: PhaseProps<typeof ssgDefense, "follow">) {
  const rec = v.recommendation;
  const m = v.targets.length;
  const told = v.targets.map((_, t) => (rec?.mine.includes(t) ? 1 : 0));
  const [text, setText] = useDraft(`mechlab:ssg:${view.participantId}:r${play.round}:change`, JSON.stringify(told));
  const [changing, setChanging] = useState(false);
  const { send, busy, error } = useIntent(act);
  if (!rec) return <p className="muted">Waiting for the coordinator's recommendation…</p>;
  const where = rec.mine.length ? rec.mine.map((t) => v.targets[t]).join(" and ") : "nowhere (you have no patrol)";

  if (!play.myTurn)
    return (
      <div>
        <Waiting pending={play.pendingCount} testId="follow-done">
          {rec.myPlay?.followed ? "You follow your recommendation." : "You changed your patrol."}
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
          Recommendation for you: send your patrol to <span data-testid="recommended">{where}</span>
        </h3>
        <p className="small">
          Only you see this. {rec.fallback ? "The coordinator could not compute its plan this round, so it recommends the usual uncoordinated patrols. " : ""}
          Everyone knows the plan: each target is protected{" "}
          {v.targets.map((name, t) => `${name} ${pct(rec.plan[t] ?? 0)}`).join(", ")} of the time
          {rec.planTarget !== null ? `, and the attacker is expected to attack ${v.targets[rec.planTarget]}` : ""}.
        </p>
        {error && (
          <p className="error" role="alert" data-testid="follow-error">
            {error.message}
          </p>
        )}
        <div className="grid-2">
          <button type="button" data-testid="follow-submit" disabled={busy || locked} onClick={() => void send(`r${play.round}:follow`, { type: "follow" })}>
            Follow the recommendation
          </button>
          <button type="button" className="secondary" data-testid="change-open" disabled={busy || locked || changing} onClick={() => setChanging(true)}>
            Change my patrol…
          </button>
        </div>
      </section>
      {changing && (
        <section className="card">
          <h3 style={{ marginTop: 0 }}>Change your patrol</h3>
          <CoverageEditor
            v={v}
            value={cov}
            onChange={(c) => setText(JSON.stringify(c))}
            preview={preview}
            assumption={assumption(v, "change")}
            presets={[{ label: "As recommended", coverage: told }]}
            disabled={locked || busy}
          />
          <button
            type="button"
            className="block"
            data-testid="change-submit"
            disabled={busy || locked}
            onClick={() => void send(`r${play.round}:change:${JSON.stringify(cov)}`, { type: "allocate", coverage: cov })}
          >
            {busy ? "Sending…" : "Play this patrol instead"}
          </button>
        </section>
      )}
      <SsgSituation v={v} />
    </div>
  );
}
