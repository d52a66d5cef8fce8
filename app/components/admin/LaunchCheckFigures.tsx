"use client";
/**
 * The launch check's figures (lib/figures/launch.ts): for CIP treatments how the control center's utility
 * of the optimal menu and of the equal split change as R, the type mix and the payment cost vary around
 * this treatment, its point marked (the same SVG as `mechlab figures cip --treatment`); for IDS Pivotal
 * and Externality treatments the paper's examples (`mechlab figures ids`) with the treatment's N and cost
 * spread marked. Drawn on the server, shown as images (no markup from the server enters the page), with
 * the numbers behind each in a table.
 */
import { useEffect, useState } from "react";
import { GAMES_WITH_LAUNCH_FIGURES, LAUNCH_FIGURES_HEADING, type LaunchFigureView } from "@/lib/figures/launch-games";
import { api } from "../../lib-client/api";
import { fmtScalar } from "../../lib-client/format";

type Load = { state: "loading" } | { state: "done"; figures: LaunchFigureView[] } | { state: "error"; message: string };

export function LaunchCheckFigures({ game, treatment }: { game: string; treatment: string }) {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const wanted = GAMES_WITH_LAUNCH_FIGURES.includes(game);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    setLoad({ state: "loading" });
    void api<{ ok: true; figures: LaunchFigureView[] }>("POST", "/api/admin/treatments/figures", { treatment }).then((r) => {
      if (!live) return;
      setLoad(r.ok ? { state: "done", figures: r.body.figures } : { state: "error", message: r.message });
    });
    return () => {
      live = false;
    };
  }, [wanted, treatment]);
  if (!wanted) return null;
  return (
    <section data-testid="launch-figures" aria-labelledby="launch-figures-h">
      <h4 id="launch-figures-h">{LAUNCH_FIGURES_HEADING[game] ?? "Figures"}</h4>
      {load.state === "loading" && <p className="muted small">Drawing the figures…</p>}
      {load.state === "error" && (
        <p className="error" data-testid="launch-figures-error">
          The figures could not be drawn: {load.message}
        </p>
      )}
      {load.state === "done" && (
        <div className="launch-figures">
          {load.figures.map((f) => (
            <figure key={f.id} data-testid={`launch-figure-${f.id}`} data-marker-x={f.marker?.x ?? undefined}>
              <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(f.svg)}`} alt={`${f.title}. ${f.caption}`} style={{ maxWidth: "100%", height: "auto" }} />
              <figcaption className="small muted">{f.caption}</figcaption>
              <details>
                <summary>Numbers behind the figure</summary>
                <div className="table-wrap">
                  <table data-testid={`launch-figure-table-${f.id}`}>
                    <thead>
                      <tr>
                        {f.columns.map((c) => (
                          <th key={c}>{c}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {f.rows.map((r, i) => (
                        <tr key={i} data-marked={f.marker !== null && r[0] === f.marker.x ? "true" : undefined}>
                          {r.map((v, j) => (
                            <td key={j}>{typeof v === "boolean" ? (v ? "yes" : "no") : fmtScalar(v)}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
