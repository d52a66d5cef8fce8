"use client";
/** Step 3 (loners choose freely): the announced profile, the loner's own investment with a cost preview. */
import type { idsPivotal } from "@/lib/games/ids-pivotal";
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { NumberField } from "../../components/kit/NumberField";
import { checkNumber } from "../../components/kit/number-input";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
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

export function PivotalLoner({ v, view, play, act, locked }: PhaseProps<typeof idsPivotal, "loner">) {
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
  const { value: x } = checkNumber(text, { min: 0, max: v.rules.xMax });
  const preview = x === null ? null : lonerPreview(v, x);
  const submit = () => x !== null && void send(`r${play.round}:invest:${x}`, { type: "invest", x });
  return (
    <div>
      <Announced v={v} />
      <PivotalType v={v} />
      <section className="card">
        <NumberField id="loner" label="Your investment (you pay no tax)" text={text} onText={setText} min={0} max={v.rules.xMax} onEnter={submit} serverError={error?.message} disabled={locked} />
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
        <button type="button" className="block" data-testid="loner-submit" onClick={submit} disabled={busy || locked || x === null}>
          {busy ? "Sending…" : "Submit investment"}
        </button>
      </section>
    </div>
  );
}
