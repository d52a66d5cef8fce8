"use client";
/** Step 3 (loners choose freely): the announced profile, the loner's own investment with a cost preview. */
import { useTranslations } from "use-intl";
import type { idsPivotal } from "@/lib/games/ids-pivotal";
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { NumberField } from "../../components/kit/NumberField";
import { checkNumber } from "../../components/kit/number-input";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { fmt } from "../../lib-client/format";
import { richTags } from "../strong";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { PivotalType } from "./TypeCard";
import { lonerPreview } from "./preview";

function Announced({ v }: { v: PivotalView }) {
  const t = useTranslations("pivotal");
  const a = v.announcement;
  if (!a) return null;
  return (
    <section className="card" data-testid="announced-profile">
      <h3 style={{ marginTop: 0 }}>{t("announcedHeading")}</h3>
      <ul className="small" style={{ margin: 0 }}>
        {a.joined.map((j, k) => (
          <li key={k}>{t("announcedRow", { user: k + 1, you: k === v.me.index ? "yes" : "no", amount: j ? fmt(a.prescribed[k], 3) : t("stayedOut") })}</li>
        ))}
      </ul>
    </section>
  );
}

export function PivotalLoner({ v, view, play, act, locked }: PhaseProps<typeof idsPivotal, "loner">) {
  const t = useTranslations("pivotal");
  const ids = useTranslations("ids");
  const g = useTranslations("game");
  const refusalText = useRefusalText();
  const [text, setText] = useDraft(`mechlab:ids-pivotal:${view.participantId}:r${play.round}:loner`, "");
  const { send, busy, error } = useIntent(act);
  const a = v.announcement;
  if (v.myJoin) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="prescribed-waiting">
          {t.rich("prescribedWaiting", { ...richTags, x: fmt(a?.myPrescribed, 3), tax: fmt(a?.myTax, 3) })}
        </p>
        <Announced v={v} />
      </div>
    );
  }
  if (v.myLonerX !== null) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="loner-done">
          {ids.rich("youInvested", { ...richTags, x: fmt(v.myLonerX, 3) })} {play.pendingCount > 0 ? g("waitingForTheOthers") : g("computing")}
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
        <NumberField id="loner" label={t("lonerInvestment")} text={text} onText={setText} min={0} max={v.rules.xMax} onEnter={submit} serverError={error ? refusalText(error) : null} disabled={locked} />
        <div data-testid="loner-preview" className="small" aria-live="polite">
          {preview ? (
            <dl className="kv">
              <dt>{t("riskIfAnnounced")}</dt>
              <dd>{fmt(preview.risk)}</dd>
              <dt>{ids("investCost")}</dt>
              <dd>{fmt(preview.invest)}</dd>
              <dt>{ids("totalCost")}</dt>
              <dd>{fmt(preview.total)}</dd>
              <dt>{ids("points")}</dt>
              <dd>{fmt(preview.points, 1)}</dd>
            </dl>
          ) : (
            <p className="muted">{ids("typeToPreview")}</p>
          )}
        </div>
        <button type="button" className="block" data-testid="loner-submit" onClick={submit} disabled={busy || locked || x === null}>
          {busy ? g("sending") : ids("submitInvestment")}
        </button>
      </section>
    </div>
  );
}
