"use client";
/** Decision phase: choose an investment x in [0, xMax], with a live cost preview, then wait for the others. */
import type { IdsView } from "@/lib/games/ids-investment/views";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { GameUiProps } from "../types";
import { IdsParameters } from "./IdsParameters";
import { parseInvestment, previewCost } from "./preview";

export function IdsDecide({ v, props }: { v: IdsView; props: GameUiProps }) {
  const { play, view, act, locked } = props;
  const [text, setText] = useDraft(`mechlab:ids:${view.participantId}:r${play.round}:x`, "");
  const { send, busy, error } = useIntent(act);
  const x = parseInvestment(text);
  const inRange = x !== null && x >= 0 && x <= v.xMax;
  const localError = text.trim() === "" || inRange ? null : `Enter a number between 0 and ${fmt(v.xMax)}.`;
  const decided = v.myDecision !== null;

  const submit = async () => {
    if (x === null || !inRange) return;
    await send(`r${play.round}:invest:${x}`, { type: "invest", x });
  };

  if (decided) {
    const others = play.pendingCount;
    return (
      <div>
        <p className="ok-box" role="status" data-testid="invest-done">
          You chose to invest <strong>{fmt(v.myDecision)}</strong>.{" "}
          {others > 0 ? `Waiting for ${others} other${others === 1 ? "" : "s"} to decide…` : "Computing the results…"}
        </p>
        <IdsParameters v={v} />
      </div>
    );
  }

  const preview = x !== null && inRange ? previewCost(v, x) : null;
  const step = v.xMax <= 10 ? 0.1 : v.xMax / 100;
  return (
    <div>
      <IdsParameters v={v} />
      <section className="card">
        <div className="field">
          <label htmlFor="invest-input">
            Your investment <span className="help">(0 to {fmt(v.xMax)})</span>
          </label>
          <input
            id="invest-input"
            data-testid="invest-input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={localError !== null || error?.field === "x"}
            aria-describedby="invest-msg"
            onKeyDown={(e) => {
              if (e.key === "Enter") void submit();
            }}
          />
          <input
            type="range"
            aria-label="Investment slider"
            min={0}
            max={v.xMax}
            step={step}
            value={inRange && x !== null ? x : 0}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div data-testid="cost-preview" className="small" aria-live="polite">
          {preview ? (
            <>
              <p style={{ margin: "0 0 4px" }}>
                {v.last?.protection != null
                  ? "If the others invest as they did last round:"
                  : "If the others invest nothing:"}
              </p>
              <dl className="kv">
                <dt>Your risk (expected loss)</dt>
                <dd>{fmt(preview.risk)}</dd>
                <dt>Your investment cost</dt>
                <dd>{fmt(preview.invest)}</dd>
                <dt>Your total cost</dt>
                <dd>{fmt(preview.total)}</dd>
                <dt>Your points</dt>
                <dd>{fmt(preview.points, 1)}</dd>
              </dl>
            </>
          ) : (
            <p className="muted">Type an investment to see what it would cost you.</p>
          )}
          {v.last && v.last.x !== null && (
            <p className="muted">
              Last round you invested {fmt(v.last.x)} and earned {fmt(v.last.points, 1)} points.
            </p>
          )}
        </div>
        <div id="invest-msg">
          {(localError ?? error) && (
            <p className="error" role="alert" data-testid="invest-error">
              {localError ?? error?.message}
            </p>
          )}
        </div>
        <button
          type="button"
          data-testid="invest-submit"
          className="block"
          onClick={submit}
          disabled={busy || locked || !inRange}
        >
          {busy ? "Sending…" : "Submit investment"}
        </button>
      </section>
    </div>
  );
}
