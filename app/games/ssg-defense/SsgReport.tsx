"use client";
/** Decide phase, coordinating: report payoffs to the mechanism (prefilled with the true ones, editable). */
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { GameUiProps } from "../types";
import { mechanismText } from "./mechanism-text";
import { parsePayoff } from "./preview";
import { SsgSituation } from "./SsgSituation";
import { Waiting } from "./Waiting";

type Rows = { reward: string; penalty: string }[];

function readRows(text: string, v: SsgView): Rows {
  const truth = v.targets.map((_, t) => ({ reward: String(v.me.reward[t]), penalty: String(v.me.penalty[t]) }));
  try {
    const rows: unknown = JSON.parse(text);
    if (Array.isArray(rows) && rows.length === truth.length && rows.every((r) => typeof r?.reward === "string" && typeof r?.penalty === "string")) return rows as Rows;
  } catch {
    /* the truth */
  }
  return truth;
}

export function SsgReport({ v, props }: { v: SsgView; props: GameUiProps }) {
  const { play, view, act, locked } = props;
  const [text, setText] = useDraft(`mechlab:ssg:${view.participantId}:r${play.round}:report`, "");
  const rows = readRows(text, v);
  const { send, busy, error } = useIntent(act);
  if (!play.myTurn)
    return (
      <div>
        <Waiting pending={play.pendingCount} testId="report-done">
          Your report is in.
        </Waiting>
        <SsgSituation v={v} />
      </div>
    );
  const parsed = rows.map((r) => ({ reward: parsePayoff(r.reward), penalty: parsePayoff(r.penalty) }));
  const problems = parsed.flatMap((r, t) =>
    r.reward === null || r.penalty === null
      ? [`${v.targets[t]}: enter two numbers.`]
      : r.reward > r.penalty
        ? []
        : [`${v.targets[t]}: “protected” must be greater than “not protected”.`],
  );
  const truthful = parsed.every((r, t) => r.reward === v.me.reward[t] && r.penalty === v.me.penalty[t]);
  const edit = (t: number, key: "reward" | "penalty", value: string) => setText(JSON.stringify(rows.map((r, j) => (j === t ? { ...r, [key]: value } : r))));
  const submit = () => {
    if (problems.length) return;
    const reward = parsed.map((r) => r.reward!);
    const penalty = parsed.map((r) => r.penalty!);
    void send(`r${play.round}:report:${JSON.stringify([reward, penalty])}`, { type: "report", reward, penalty });
  };
  return (
    <div>
      <SsgSituation v={v} />
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Tell the coordinator your payoffs</h3>
        <p className="small">
          {v.mechanism ? mechanismText(v.mechanism.kind) : ""} The form shows your true payoffs; you may change them. Whatever you report, your points are
          computed with your <strong>true</strong> payoffs.
        </p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Target</th>
                <th>Protected</th>
                <th>Not protected</th>
              </tr>
            </thead>
            <tbody>
              {v.targets.map((name, t) => (
                <tr key={name}>
                  <td>
                    {name}
                    <div className="small muted">
                      true: {fmt(v.me.reward[t])} / {fmt(v.me.penalty[t])}
                    </div>
                  </td>
                  {(["reward", "penalty"] as const).map((key) => (
                    <td key={key}>
                      <input
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        aria-label={`${name}: your reported payoff if ${key === "reward" ? "protected" : "not protected"}`}
                        data-testid={`report-${key}-${t}`}
                        value={rows[t]![key]}
                        onChange={(e) => edit(t, key, e.target.value)}
                        disabled={locked || busy}
                        aria-invalid={parsed[t]![key] === null}
                        style={{ minWidth: 70 }}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="row" style={{ margin: "8px 0" }}>
          <button type="button" className="secondary small" onClick={() => setText("")} disabled={locked || busy || truthful}>
            Reset to my true payoffs
          </button>
          <span className="small muted" data-testid="report-truthful">
            {truthful ? "You are reporting your true payoffs." : "You are reporting payoffs that differ from your true ones."}
          </span>
        </div>
        {(problems.length > 0 || error) && (
          <div className="error" role="alert" data-testid="report-error">
            {problems.length > 0 ? problems.join(" ") : error?.message}
          </div>
        )}
        <button type="button" className="block" data-testid="report-submit" disabled={busy || locked || problems.length > 0} onClick={submit}>
          {busy ? "Sending…" : "Send my report"}
        </button>
      </section>
    </div>
  );
}
