"use client";
/** The launch check on the New Session page: what theory predicts for this treatment, and warnings. */
import type { LaunchCheck } from "@/lib/study/launch-check";
import { fmtScalar } from "../../lib-client/format";

export function LaunchCheckView({ check }: { check: LaunchCheck }) {
  return (
    <section data-testid="launch-check" aria-labelledby="launch-check-h">
      <h3 id="launch-check-h">What theory predicts for this treatment (round 1)</h3>
      {check.warnings.length > 0 && (
        <ul className="error" data-testid="launch-warnings">
          {check.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <dl className="kv">
        {check.predictions.metrics.map((m) => (
          <div key={m.label} style={{ display: "contents" }}>
            <dt>{m.label}</dt>
            <dd data-testid={`prediction-${m.label}`} title={m.hint}>
              {fmtScalar(m.value)}
              {m.hint ? <span className="small muted"> — {m.hint}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      {check.predictions.tables.map((t) => (
        <div key={t.title} className="table-wrap">
          <h4>{t.title}</h4>
          <table>
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j}>{fmtScalar(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
