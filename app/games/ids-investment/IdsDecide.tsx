"use client";
/** Decision phase: choose an investment x in [0, xMax], with a live cost preview, then wait for the others. */
import { useTranslations } from "use-intl";
import { NumberField } from "../../components/kit/NumberField";
import { checkNumber } from "../../components/kit/number-input";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { richTags } from "../strong";
import type { idsInvestment } from "@/lib/games/ids-investment";
import { IdsParameters } from "./IdsParameters";
import { previewCost } from "./preview";

export function IdsDecide({ v, view, play, act, locked }: PhaseProps<typeof idsInvestment, "decide">) {
  const t = useTranslations("ids");
  const g = useTranslations("game");
  const refusalText = useRefusalText();
  const [text, setText] = useDraft(`mechlab:ids:${view.participantId}:r${play.round}:x`, "");
  const { send, busy, error } = useIntent(act);
  const { value: x } = checkNumber(text, { min: 0, max: v.xMax });
  const submit = () => x !== null && void send(`r${play.round}:invest:${x}`, { type: "invest", x });
  if (v.myDecision !== null)
    return (
      <div>
        <p className="ok-box" role="status" data-testid="invest-done">
          {t.rich(play.botChose ? "botInvested" : "youInvested", { ...richTags, x: fmt(v.myDecision) })}{" "}
          {play.pendingCount > 0 ? g("waitingToDecide", { count: play.pendingCount }) : g("computingResults")}
        </p>
        <IdsParameters v={v} />
      </div>
    );
  const preview = x === null ? null : previewCost(v, x);
  const rows: [string, number | undefined, number?][] = [[t("risk"), preview?.risk], [t("investCost"), preview?.invest], [t("totalCost"), preview?.total], [t("points"), preview?.points, 1]];
  return (
    <div>
      <IdsParameters v={v} />
      <section className="card">
        <NumberField id="invest" label={t("yourInvestment")} text={text} onText={setText} min={0} max={v.xMax} step={v.xMax <= 10 ? 0.1 : v.xMax / 100} onEnter={submit} serverError={error ? refusalText(error) : null} />
        <div data-testid="cost-preview" className="small" aria-live="polite">
          {preview ? (
            <>
              <p style={{ margin: "0 0 4px" }}>{v.last?.protection != null ? t("ifOthersRepeat") : t("ifOthersNothing")}</p>
              <dl className="kv">{rows.map(([k, val, d]) => [<dt key={k}>{k}</dt>, <dd key={`${k}=`}>{fmt(val, d)}</dd>])}</dl>
            </>
          ) : (
            <p className="muted">{t("typeToPreview")}</p>
          )}
          {v.last?.x != null && (
            <p className="muted" data-testid="last-round">
              {t(v.last.bot ? "lastRoundBot" : "lastRound", { x: fmt(v.last.x), points: fmt(v.last.points, 1) })}
            </p>
          )}
        </div>
        <button type="button" data-testid="invest-submit" className="block" onClick={submit} disabled={busy || locked || x === null}>
          {busy ? g("sending") : t("submitInvestment")}
        </button>
      </section>
    </div>
  );
}
