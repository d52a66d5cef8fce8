"use client";
/** The chart's legend in HTML (wraps on a phone): each series' colour, solid for played, dashed for theory. */
import type { Chart } from "@/lib/charts/types";
import { seriesColors, THEORY_DASH } from "@/lib/charts/specs/vega-lite";

export function ChartLegend({ chart }: { chart: Chart }) {
  const colors = seriesColors(chart);
  const bars = chart.kind !== "rounds";
  return (
    <ul className="chart-legend">
      {chart.series.map((s) => {
        const color = colors.get(s.colorKey ?? s.name) ?? "#333";
        return (
          <li key={s.name}>
            <svg width="26" height="12" aria-hidden="true">
              {bars && s.role === "played" ? (
                <rect x="6" y="0" width="14" height="12" fill={color} />
              ) : (
                <line x1="1" y1="6" x2="25" y2="6" stroke={color} strokeWidth={s.role === "theory" && bars ? 4 : 3} strokeDasharray={s.role === "theory" && !bars ? THEORY_DASH.join(" ") : undefined} />
              )}
            </svg>
            {s.name}
          </li>
        );
      })}
    </ul>
  );
}
