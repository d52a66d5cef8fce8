"use client";
/** Decide phase, allocating alone: the coverage widget with its live preview, then wait for the others. */
import type { ssgDefense } from "@/lib/games/ssg-defense";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { CoverageEditor } from "./CoverageEditor";
import { assumption, pct, previewAllocation, readCoverage, usedUnits } from "./preview";
import { Waiting } from "./Waiting";
import { SsgSituation } from "./SsgSituation";

export function SsgAllocate({ v, play, view, act, locked }: PhaseProps<typeof ssgDefense, "decide">) {
  const m = v.targets.length;
  const [text, setText] = useDraft(`mechlab:ssg:${view.participantId}:r${play.round}:allocate`, JSON.stringify(new Array(m).fill(0)));
  const cov = readCoverage(text, m);
  const { send, busy, error } = useIntent(act);
  const alone = v.mode === "coordinated";

  if (!play.myTurn) {
    return (
      <div>
        <Waiting pending={play.pendingCount} testId="alloc-done">
          Your patrol is set{v.mySubmission.coverage ? ` (${v.mySubmission.coverage.map((x, t) => `${v.targets[t]} ${pct(x)}`).join(", ")})` : ""}.
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
        <h3 style={{ marginTop: 0 }}>{alone ? "You act alone: split your patrol time" : "Split your patrol time over the targets"}</h3>
        {alone && (
          <p className="small">
            {v.join?.all
              ? `Coordinating this round: ${v.join.all.flatMap((j, i) => (j ? [`defender ${i + 1}`] : [])).join(", ") || "nobody"}. `
              : ""}
            The coordinator plans their patrols after yours, taking yours as given.
          </p>
        )}
        <CoverageEditor
          v={v}
          value={cov}
          onChange={(c) => setText(JSON.stringify(c))}
          preview={previewAllocation(v, cov)}
          assumption={assumption(v, "allocate")}
          presets={v.last.own ? [{ label: "Same as last round", coverage: v.last.own.map((x) => Math.floor(x * 100) / 100) }] : []}
          disabled={locked || busy}
        />
        {unused > 0.005 && v.me.resources > 0 && (
          <p className="small muted">You leave {Math.round(unused * 100)}% of your patrol time unused. That is allowed, but unused time protects nothing.</p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="alloc-error">
            {error.message}
          </p>
        )}
        <button
          type="button"
          className="block"
          data-testid="alloc-submit"
          disabled={busy || locked}
          onClick={() => void send(`r${play.round}:allocate:${JSON.stringify(cov)}`, { type: "allocate", coverage: cov })}
        >
          {busy ? "Sending…" : "Confirm my patrol"}
        </button>
      </section>
    </div>
  );
}
