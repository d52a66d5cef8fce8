"use client";
/** The message form: proposed investments and prices for every user, prefilled with the last message, with a live preview. */
import { useTranslations } from "use-intl";
import { z } from "zod";
import type { idsExternality } from "@/lib/games/ids-externality";
import type { ExternalityView } from "@/lib/games/ids-externality/views";
import { NumberField } from "../../components/kit/NumberField";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { TypeCard } from "../ids-pivotal/TypeCard";
import { MessagesTable } from "./MessagesTable";
import { TaxTerms } from "./TaxTerms";
import { draftOf, previewMessage, readMessage, type MessageDraft } from "./preview";

/** The saved form text (a reload keeps what was typed), or the prefill when it does not fit this round. */
function parseDraft(raw: string, v: ExternalityView): MessageDraft {
  const texts = z.array(z.string()).length(v.n);
  try {
    const d = z.object({ x: texts, pi: texts }).safeParse(JSON.parse(raw));
    if (d.success) return d.data;
  } catch {
    /* not JSON: fall through */
  }
  return draftOf(v.prefill);
}

export function ExternalityMessageForm({ v, view, play, act, locked }: PhaseProps<typeof idsExternality, "message">) {
  const t = useTranslations("externality");
  const ids = useTranslations("ids");
  const g = useTranslations("game");
  const refusalText = useRefusalText();
  const [raw, setRaw] = useDraft(`mechlab:ids-externality:${view.participantId}:r${play.round}:message`, JSON.stringify(draftOf(v.prefill)));
  const { send, busy, error } = useIntent(act);
  const draft = parseDraft(raw, v);
  const me = v.me.index;
  const others = v.me.weights.map((weight, member) => ({ member, weight })).filter((o) => o.member !== me);
  const type = <TypeCard me={{ index: me, alpha: v.me.alpha, c: v.me.c, q: v.me.q, ownWeight: v.me.ownWeight, others }} />;
  const previous = (
    <>
      <MessagesTable title={v.previous.round ? t("messagesOfRound", { round: v.previous.round }) : t("startingMessages")} messages={v.previous.messages} x={v.previous.x} me={me} testId="previous-messages" />
      <p className="small muted">
        {t(v.previous.round ? "taxThen" : "taxWithThese", { tax: fmt(v.previous.myTerms.tax, 3), cost: fmt(v.previous.myNetCost, 3) })}
      </p>
    </>
  );

  if (v.myMessage) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="message-done">
          {t("messageSent")} {play.pendingCount > 0 ? g("waitingForOthers", { count: play.pendingCount }) : g("computing")}
        </p>
        {previous}
        {type}
      </div>
    );
  }

  const message = readMessage(v, draft);
  const preview = message ? previewMessage(v, v.previous.messages, message) : null;
  const set = (row: "x" | "pi", j: number, text: string) => setRaw(JSON.stringify({ ...draft, [row]: draft[row].with(j, text) }));
  const submit = () => message && void send(`r${play.round}:message:${JSON.stringify(message)}`, { type: "message", ...message });
  const fieldError = (field: string) => (error?.field === field ? refusalText(error) : null);
  const otherError = error && !/^(x|pi)\[\d+\]$/.test(error.field ?? "") ? refusalText(error) : null;
  return (
    <div>
      {type}
      {previous}
      <section className="card">
        <h3 style={{ marginTop: 0 }}>{t("yourMessage")}</h3>
        <p className="small muted" style={{ marginTop: 0 }}>
          {t("messageExplained")}
        </p>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", columnGap: 12 }}>
          {draft.x.map((_, j) => {
            const who = { user: j + 1, you: j === me ? "yes" : "no" };
            return [
              <NumberField key={`x${j}`} id={`msg-x-${j}`} label={t("investmentFor", who)} text={draft.x[j] ?? ""} onText={(t) => set("x", j, t)} min={0} max={v.rules.xMax} serverError={fieldError(`x[${j}]`)} onEnter={submit} disabled={locked} />,
              <NumberField key={`pi${j}`} id={`msg-pi-${j}`} label={t("priceFor", who)} text={draft.pi[j] ?? ""} onText={(t) => set("pi", j, t)} min={0} max={v.rules.piMax} serverError={fieldError(`pi[${j}]`)} onEnter={submit} disabled={locked} />,
            ];
          })}
        </div>
        <div data-testid="message-preview" className="small" aria-live="polite">
          {preview ? (
            <>
              <p style={{ margin: "8px 0 4px" }}>{t("ifOthersRepeat")}</p>
              <p style={{ margin: "0 0 4px" }}>
                {t("investments")} {preview.x.map((x, j) => ids("userWeightShort", { user: j + 1, weight: fmt(x, 3) })).join("; ")}
              </p>
              <TaxTerms t={preview.terms} prefix="preview" />
              <dl className="kv">
                <dt>{t("riskPlusCost")}</dt>
                <dd>{fmt(preview.cost, 3)}</dd>
                <dt>{ids("points")}</dt>
                <dd data-testid="preview-points">{fmt(preview.points, 1)}</dd>
              </dl>
            </>
          ) : (
            <p className="muted">{t("fillEverything")}</p>
          )}
        </div>
        {otherError && (
          <p className="error" role="alert" data-testid="message-error">
            {otherError}
          </p>
        )}
        <div className="row">
          <button type="button" data-testid="message-submit" onClick={submit} disabled={busy || locked || message === null}>
            {busy ? g("sending") : t("sendMessage")}
          </button>
          <button type="button" className="secondary" data-testid="message-reset" onClick={() => setRaw(JSON.stringify(draftOf(v.prefill)))} disabled={busy || locked}>
            {t("backToLast")}
          </button>
        </div>
      </section>
    </div>
  );
}
