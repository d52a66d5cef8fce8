"use client";
/** Decide phase, coordinating: report payoffs to the mechanism (prefilled with the true ones, editable). */
import { useTranslations } from "use-intl";
import type { ssgDefense } from "@/lib/games/ssg-defense";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { PAYOFF_BOUND } from "@/lib/games/ssg-defense/params";
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { NumberField } from "../../components/kit/NumberField";
import { checkNumber } from "../../components/kit/number-input";
import { exactInputText, fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { mechanismText } from "./mechanism-text";
import { richTags } from "../strong";
import { SsgSituation } from "./SsgSituation";
import { Waiting } from "./Waiting";

type Row = { reward: string; penalty: string };
const KEYS = ["reward", "penalty"] as const;
const PAYOFF = { min: -PAYOFF_BOUND, max: PAYOFF_BOUND };

const isRow = (r: unknown): r is Row =>
  typeof r === "object" && r !== null && "reward" in r && "penalty" in r && typeof r.reward === "string" && typeof r.penalty === "string";

/** The draft's rows, or the true payoffs when there is no (readable) draft. */
function readRows(text: string, v: SsgView): Row[] {
  const truth = v.targets.map((_, t) => ({ reward: exactInputText(v.me.reward[t] ?? 0), penalty: exactInputText(v.me.penalty[t] ?? 0) }));
  try {
    const rows: unknown = JSON.parse(text);
    if (Array.isArray(rows) && rows.length === truth.length && rows.every(isRow)) return rows;
  } catch {
    /* the truth */
  }
  return truth;
}

export function SsgReport({ v, play, view, act, locked }: PhaseProps<typeof ssgDefense, "decide">) {
  const tr = useTranslations("ssg");
  const g = useTranslations("game");
  const refusalText = useRefusalText();
  const [text, setText] = useDraft(`mechlab:ssg:${view.participantId}:r${play.round}:report`, "");
  const rows = readRows(text, v);
  const { send, busy, error } = useIntent(act);
  if (!play.myTurn)
    return (
      <div>
        <Waiting pending={play.pendingCount} testId="report-done">
          {tr("reportIn")}
        </Waiting>
        <SsgSituation v={v} />
      </div>
    );
  const parsed = rows.map((r) => ({ reward: checkNumber(r.reward, PAYOFF).value, penalty: checkNumber(r.penalty, PAYOFF).value }));
  const incomplete = parsed.some((r) => r.reward === null || r.penalty === null);
  const problems = parsed.flatMap((r, t) =>
    r.reward !== null && r.penalty !== null && !(r.reward > r.penalty) ? [tr("rewardAbovePenalty", { target: v.targets[t] ?? "" })] : [],
  );
  const truthful = parsed.every((r, t) => r.reward === v.me.reward[t] && r.penalty === v.me.penalty[t]);
  // a typographic minus (−) is read as "-"
  const edit = (t: number, key: keyof Row, value: string) =>
    setText(JSON.stringify(rows.map((r, j) => (j === t ? { ...r, [key]: value.replace("−", "-") } : r))));
  const submit = () => {
    if (problems.length || incomplete) return;
    const reward = parsed.map((r) => r.reward ?? 0);
    const penalty = parsed.map((r) => r.penalty ?? 0);
    void send(`r${play.round}:report:${JSON.stringify([reward, penalty])}`, { type: "report", reward, penalty });
  };
  return (
    <div>
      <SsgSituation v={v} />
      <section className="card">
        <h3 style={{ marginTop: 0 }}>{tr("reportHeading")}</h3>
        <p className="small">
          {v.mechanism ? tr(mechanismText(v.mechanism.kind)) : ""} {tr.rich("reportExplained", richTags)}
        </p>
        {v.targets.map((name, t) => (
          <fieldset key={name} style={{ border: "none", borderTop: "1px solid var(--line)", padding: "8px 0", margin: 0 }}>
            <legend style={{ padding: 0 }}>
              <strong>{name}</strong>{" "}
              <span className="small muted">
                {tr("truePayoffs", { reward: fmt(v.me.reward[t]), penalty: fmt(v.me.penalty[t]) })}
              </span>
            </legend>
            <div className="grid-2">
              {KEYS.map((key) => (
                <NumberField
                  key={key}
                  id={`report-${key}-${t}`}
                  label={tr(key === "reward" ? "payoffIfProtected" : "payoffIfNotProtected", { target: name })}
                  text={rows[t]![key]}
                  onText={(value) => edit(t, key, value)}
                  {...PAYOFF}
                  onEnter={submit}
                  disabled={locked || busy}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <div className="row" style={{ margin: "8px 0" }}>
          <button type="button" className="secondary small" onClick={() => setText("")} disabled={locked || busy || truthful}>
            {tr("resetTruth")}
          </button>
          <span className="small muted" data-testid="report-truthful">
            {truthful ? tr("reportingTruth") : tr("reportingOther")}
          </span>
        </div>
        {(problems.length > 0 || error) && (
          <div className="error" role="alert" data-testid="report-error">
            {problems.length > 0 ? problems.join(" ") : error ? refusalText(error) : null}
          </div>
        )}
        <button type="button" className="block" data-testid="report-submit" disabled={busy || locked || incomplete || problems.length > 0} onClick={submit}>
          {busy ? g("sending") : tr("sendReport")}
        </button>
      </section>
    </div>
  );
}
