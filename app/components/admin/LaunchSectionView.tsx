"use client";
/** One section of the launch check: a heading, what it assumes, its metrics and its tables. */
import type { LaunchSection } from "@/lib/study/launch-check";
import { readable } from "@/lib/study/theory/section";
import { fmtScalar } from "../../lib-client/format";

/** 3 decimals, but at least 3 significant digits, so that a small prediction does not read as 0. */
const show = (v: unknown) => (typeof v === "number" && v !== 0 && Math.abs(v) < 0.1 ? readable(v, 3) : fmtScalar(v));

type Metric = LaunchSection["metrics"][number];
type Table = LaunchSection["tables"][number];

export function LaunchMetrics({ metrics }: { metrics: readonly Metric[] }) {
  if (metrics.length === 0) return null;
  return (
    <dl className="kv">
      {metrics.map((m) => (
        <div key={m.label} style={{ display: "contents" }}>
          <dt>{m.label}</dt>
          <dd data-testid={`prediction-${m.label}`} title={m.hint}>
            {show(m.value)}
            {m.hint ? <span className="small muted"> — {m.hint}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function LaunchTable({ table }: { table: Table }) {
  return (
    <div className="table-wrap">
      <h5>{table.title}</h5>
      <table>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j}>{show(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LaunchSectionView({ section }: { section: LaunchSection }) {
  return (
    <div data-testid={`launch-section-${section.id}`}>
      <h4>{section.title}</h4>
      {section.note ? <p className="small muted">{section.note}</p> : null}
      <LaunchMetrics metrics={section.metrics} />
      {section.tables.map((t) => (
        <LaunchTable key={t.title} table={t} />
      ))}
    </div>
  );
}
