"use client";
/** Step 3 (loners choose freely): the announced profile, the loner's own investment with a cost preview. */
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import { parseDecimal as parseInvestment } from "../../components/kit/number-input";
import type { GameUiProps } from "../types";
import { PivotalType } from "./TypeCard";
import { lonerPreview } from "./preview";

function Announced({ v }: { v: PivotalView }) {
  const a = v.announcement;
  if (!a) return null;
  return (
    <section className="card" data-testid="announced-profile">
      <h3 style={{ marginTop: 0 }}>What the mechanism asks the participants to invest</h3>
      <ul className="small" style={{ margin: 0 }}>
        {a.joined.map((j, k) => (
          <li key={k}>
            User {k + 1}
            {k === v.me.index ? " (you)" : ""}: {j ? fmt(a.prescribed[k], 3) : "stayed out"}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PivotalLoner({ v, props }: { v: PivotalView; props: GameUiProps }) {
  const { play, view, act, locked } = props;
  const [text, setText] = useDraft(`mechlab:ids-pivotal:${view.participantId}:r${play.round}:loner`, "");
  const { send, busy, error } = useIntent(act);
  const a = v.announcement;
  if (v.myJoin) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="prescribed-waiting">
          The mechanism asks you to invest <strong>{fmt(a?.myPrescribed, 3)}</strong>; your tax is <strong>{fmt(a?.myTax, 3)}</strong>. Waiting for the users who stayed out to choose…
        </p>
        <Announced v={v} />
      </div>
    );
  }
  if (v.myLonerX !== null) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="loner-done">
          You chose to invest <strong>{fmt(v.myLonerX, 3)}</strong>. {play.pendingCount > 0 ? "Waiting for the others…" : "Computing…"}
        </p>
        <Announced v={v} />
      </div>
    );
  }
  const x = parseInvestment(text);
  const inRange = x !== null && x <= v.rules.xMax;
  const localError = text.trim() === "" || inRange ? null : `Enter a number between 0 and ${fmt(v.rules.xMax)}.`;
  const preview = inRange && x !== null ? lonerPreview(v, x) : null;
  const submit = async () => {
    if (!inRange || x === null) return;
    await send(`r${play.round}:invest:${x}`, { type: "invest", x });
  };
  return (
    <div>
      <Announced v={v} />
      <PivotalType v={v} />
      <section className="card">
        <div className="field">
          <label htmlFor="loner-input">
            Your investment <span className="help">(0 to {fmt(v.rules.xMax)}; you pay no tax)</span>
          </label>
          <input
            id="loner-input"
            data-testid="loner-input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={localError !== null || error?.field === "x"}
            aria-describedby="loner-msg"
            onKeyDown={(e) => {
              if (e.key === "Enter") void submit();
            }}
          />
        </div>
        <div data-testid="loner-preview" className="small" aria-live="polite">
          {preview ? (
            <dl className="kv">
              <dt>Your risk if the participants invest as announced</dt>
              <dd>{fmt(preview.risk)}</dd>
              <dt>Your investment cost</dt>
              <dd>{fmt(preview.invest)}</dd>
              <dt>Your total cost</dt>
              <dd>{fmt(preview.total)}</dd>
              <dt>Your points</dt>
              <dd>{fmt(preview.points, 1)}</dd>
            </dl>
          ) : (
            <p className="muted">Type an investment to see what it would cost you.</p>
          )}
        </div>
        <div id="loner-msg">
          {(localError ?? error) && (
            <p className="error" role="alert" data-testid="loner-error">
              {localError ?? error?.message}
            </p>
          )}
        </div>
        <button type="button" className="block" data-testid="loner-submit" onClick={submit} disabled={busy || locked || !inRange}>
          {busy ? "Sending…" : "Submit investment"}
        </button>
      </section>
    </div>
  );
}
