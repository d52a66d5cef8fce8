"use client";
/** Decision phase: choose an investment x in [0, xMax], with a live cost preview, then wait for the others. */
import { NumberField } from "../../components/kit/NumberField";
import { checkNumber } from "../../components/kit/number-input";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import type { idsInvestment } from "@/lib/games/ids-investment";
import { IdsParameters } from "./IdsParameters";
import { previewCost } from "./preview";

export function IdsDecide({ v, view, play, act, locked }: PhaseProps<typeof idsInvestment, "decide">) {
  const [text, setText] = useDraft(`mechlab:ids:${view.participantId}:r${play.round}:x`, "");
  const { send, busy, error } = useIntent(act);
  const { value: x } = checkNumber(text, { min: 0, max: v.xMax });
  const submit = () => x !== null && void send(`r${play.round}:invest:${x}`, { type: "invest", x });
  if (v.myDecision !== null)
    return (
      <div>
        <p className="ok-box" role="status" data-testid="invest-done">
          You chose to invest <strong>{fmt(v.myDecision)}</strong>.{" "}
          {play.pendingCount > 0 ? `Waiting for ${play.pendingCount} other${play.pendingCount === 1 ? "" : "s"} to decide…` : "Computing the results…"}
        </p>
        <IdsParameters v={v} />
      </div>
    );
  const preview = x === null ? null : previewCost(v, x);
  const rows: [string, number | undefined, number?][] = [["Your risk (expected loss)", preview?.risk], ["Your investment cost", preview?.invest], ["Your total cost", preview?.total], ["Your points", preview?.points, 1]];
  return (
    <div>
      <IdsParameters v={v} />
      <section className="card">
        <NumberField id="invest" label="Your investment" text={text} onText={setText} min={0} max={v.xMax} step={v.xMax <= 10 ? 0.1 : v.xMax / 100} onEnter={submit} serverError={error?.message} />
        <div data-testid="cost-preview" className="small" aria-live="polite">
          {preview ? (
            <>
              <p style={{ margin: "0 0 4px" }}>{v.last?.protection != null ? "If the others invest as they did last round:" : "If the others invest nothing:"}</p>
              <dl className="kv">{rows.map(([k, val, d]) => [<dt key={k}>{k}</dt>, <dd key={`${k}=`}>{fmt(val, d)}</dd>])}</dl>
            </>
          ) : (
            <p className="muted">Type an investment to see what it would cost you.</p>
          )}
          {v.last?.x != null && <p className="muted">Last round you invested {fmt(v.last.x)} and earned {fmt(v.last.points, 1)} points.</p>}
        </div>
        <button type="button" data-testid="invest-submit" className="block" onClick={submit} disabled={busy || locked || x === null}>
          {busy ? "Sending…" : "Submit investment"}
        </button>
      </section>
    </div>
  );
}
