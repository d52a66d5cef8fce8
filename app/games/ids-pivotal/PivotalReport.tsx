"use client";
/** Step 2: participants report their type (prefilled with the truth, editable within the bounds). */
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { GameUiProps } from "../types";
import { PivotalType } from "./TypeCard";
import { readReport, shownBounds, truthfulDraft, type ReportDraft, type ReportField } from "./preview";

const LABELS: Record<ReportField, string> = { alpha: "Possible loss α", c: "Cost per unit c", q: "Extra cost q" };

export function PivotalReport({ v, props }: { v: PivotalView; props: GameUiProps }) {
  const { play, view, act, locked } = props;
  const [raw, setRaw] = useDraft(`mechlab:ids-pivotal:${view.participantId}:r${play.round}:report`, JSON.stringify(truthfulDraft(v)));
  const { send, busy, error } = useIntent(act);
  const draft = parseDraft(raw, v);
  const set = (k: ReportField, text: string) => setRaw(JSON.stringify({ ...draft, [k]: text }));
  const read = readReport(v, draft);
  const fixed = v.reportBounds.alpha[0] === v.reportBounds.alpha[1];

  if (v.myJoin === false) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="loner-waiting">
          You stayed out this round. Waiting for the participants to report…
        </p>
        <PivotalType v={v} />
      </div>
    );
  }
  if (v.myReport) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="report-done">
          You reported α = {fmt(v.myReport.alpha, 4)}, c = {fmt(v.myReport.c, 4)}
          {v.reportBounds.q ? `, q = ${fmt(v.myReport.q, 4)}` : ""}.{" "}
          {play.pendingCount > 0 ? `Waiting for ${play.pendingCount} other${play.pendingCount === 1 ? "" : "s"}…` : "Computing…"}
        </p>
        <PivotalType v={v} />
      </div>
    );
  }
  const submit = async () => {
    if (!read.ok) return;
    await send(`r${play.round}:report:${JSON.stringify(read.report)}`, { type: "report", ...read.report });
  };
  const fields: ReportField[] = v.reportBounds.q ? ["alpha", "c", "q"] : ["alpha", "c"];
  const localError = read.ok ? null : read;
  return (
    <div>
      <PivotalType v={v} />
      <section className="card">
        <p style={{ marginTop: 0 }}>
          {fixed
            ? "In this session reports are your true values. Confirm them to continue."
            : "Tell the mechanism your type. The form shows your true values; you may report other values within the ranges shown. Your points always use your true values."}
        </p>
        {fields.map((k) => {
          const b = v.reportBounds[k]!;
          const [lo, hi] = shownBounds(b);
          const bad = localError?.field === k || error?.field === k;
          return (
            <div className="field" key={k}>
              <label htmlFor={`report-${k}`}>
                {LABELS[k]}{" "}
                <span className="help">
                  (true: {fmt(k === "alpha" ? v.me.alpha : k === "c" ? v.me.c : v.me.q, 4)}; allowed {fmt(lo, 4)} to {fmt(hi, 4)})
                </span>
              </label>
              <input
                id={`report-${k}`}
                data-testid={`report-${k}`}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={draft[k]}
                readOnly={fixed}
                onChange={(e) => set(k, e.target.value)}
                aria-invalid={bad}
                aria-describedby="report-msg"
                onKeyDown={(e) => {
                  if (e.key === "Enter") void submit();
                }}
              />
            </div>
          );
        })}
        <div id="report-msg">
          {(localError || error) && (
            <p className="error" role="alert" data-testid="report-error">
              {localError ? localError.message : error?.message}
            </p>
          )}
        </div>
        <div className="row">
          <button type="button" data-testid="report-submit" onClick={submit} disabled={busy || locked || !read.ok}>
            {busy ? "Sending…" : "Send my report"}
          </button>
          {!fixed && (
            <button type="button" className="secondary" data-testid="report-reset" onClick={() => setRaw(JSON.stringify(truthfulDraft(v)))} disabled={busy || locked}>
              Reset to my true values
            </button>
          )}
        </div>
      </section>
    </div>
  );
}

function parseDraft(raw: string, v: PivotalView): ReportDraft {
  try {
    const d = JSON.parse(raw) as Partial<ReportDraft>;
    const t = truthfulDraft(v);
    return { alpha: d.alpha ?? t.alpha, c: d.c ?? t.c, q: d.q ?? t.q };
  } catch {
    return truthfulDraft(v);
  }
}
