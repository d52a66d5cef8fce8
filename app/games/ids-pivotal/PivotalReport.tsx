"use client";
/** Step 2: participants report their type (prefilled with the truth, editable within the bounds). */
import { useTranslations } from "use-intl";
import { z } from "zod";
import type { idsPivotal } from "@/lib/games/ids-pivotal";
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { NumberField } from "../../components/kit/NumberField";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { PivotalType } from "./TypeCard";
import { readReport, shownBounds, truthfulDraft, type ReportDraft, type ReportField } from "./preview";

const LABELS = { alpha: "reportAlpha", c: "reportC", q: "reportQ" } as const satisfies Record<ReportField, string>;

export function PivotalReport({ v, view, play, act, locked }: PhaseProps<typeof idsPivotal, "report">) {
  const t = useTranslations("pivotal");
  const g = useTranslations("game");
  const refusalText = useRefusalText();
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
          {t("stayedOutWaiting")}
        </p>
        <PivotalType v={v} />
      </div>
    );
  }
  if (v.myReport) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="report-done">
          {v.reportBounds.q
            ? t("reportedWithQ", { alpha: fmt(v.myReport.alpha, 4), c: fmt(v.myReport.c, 4), q: fmt(v.myReport.q, 4) })
            : t("reported", { alpha: fmt(v.myReport.alpha, 4), c: fmt(v.myReport.c, 4) })}{" "}
          {play.pendingCount > 0 ? g("waitingForOthers", { count: play.pendingCount }) : g("computing")}
        </p>
        <PivotalType v={v} />
      </div>
    );
  }
  const submit = () => read && void send(`r${play.round}:report:${JSON.stringify(read)}`, { type: "report", ...read });
  const fields: ReportField[] = v.reportBounds.q ? ["alpha", "c", "q"] : ["alpha", "c"];
  const fieldNames: readonly string[] = fields;
  const otherError = error && !fieldNames.includes(error.field ?? "") ? refusalText(error) : null;
  return (
    <div>
      <PivotalType v={v} />
      <section className="card">
        <p style={{ marginTop: 0 }}>
          {fixed ? t("reportFixed") : t("reportExplained")}
        </p>
        {fields.map((k) => {
          const [min, max] = shownBounds(v.reportBounds[k] ?? [0, 0]);
          const truth = fmt(k === "alpha" ? v.me.alpha : k === "c" ? v.me.c : v.me.q, 4);
          const label = <>{t(LABELS[k])} <span className="help">{t("trueValue", { value: truth })}</span></>;
          return (
            <NumberField key={k} id={`report-${k}`} label={label} text={draft[k]} onText={(t) => set(k, t)} min={min} max={max} serverError={error?.field === k ? refusalText(error) : null} onEnter={submit} disabled={locked || fixed} />
          );
        })}
        {otherError && (
          <p className="error" role="alert" data-testid="report-error">
            {otherError}
          </p>
        )}
        <div className="row">
          <button type="button" data-testid="report-submit" onClick={submit} disabled={busy || locked || read === null}>
            {busy ? g("sending") : t("sendReport")}
          </button>
          {!fixed && (
            <button type="button" className="secondary" data-testid="report-reset" onClick={() => setRaw(JSON.stringify(truthfulDraft(v)))} disabled={busy || locked}>
              {t("resetTruth")}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}

/** The saved form text (a reload keeps what was typed), or the true values. */
function parseDraft(raw: string, v: PivotalView): ReportDraft {
  const t = truthfulDraft(v);
  try {
    const d = z.object({ alpha: z.string().optional(), c: z.string().optional(), q: z.string().optional() }).safeParse(JSON.parse(raw));
    if (d.success) return { alpha: d.data.alpha ?? t.alpha, c: d.data.c ?? t.c, q: d.data.q ?? t.q };
  } catch {
    /* not JSON: fall through */
  }
  return t;
}
