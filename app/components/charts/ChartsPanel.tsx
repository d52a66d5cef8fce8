"use client";
/** The live charts of a session (monitor and projector): a responsive grid, one VegaChart each. */
import type { Chart } from "@/lib/charts/types";
import { VegaChart } from "./VegaChart";

/** `title` and `emptyText` default to English (the monitor); the projector passes them in the session's language. */
export function ChartsPanel({ charts, title = "Play against theory", emptyText, height }: { charts: readonly Chart[]; title?: string; emptyText?: string; height?: number }) {
  const any = charts.some((c) => c.series.some((s) => s.points.length > 0 && s.role === "played"));
  return (
    <section className="card" data-testid="charts">
      <h2>{title}</h2>
      {!any && (
        <p className="muted" data-testid="charts-empty">
          {emptyText ??
            "The charts fill in as rounds are completed: what was played (mean, and the 10th–90th percentile band) against what the mechanism's theory predicts."}
        </p>
      )}
      <div className="chart-grid">
        {charts.map((c) => (
          <VegaChart key={c.id} chart={c} {...(height ? { height } : {})} />
        ))}
      </div>
    </section>
  );
}
