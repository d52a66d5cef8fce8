"use client";
/**
 * The allocation widget: one slider per target (percent of the defender's patrol time there), always
 * within [0, 100%] per target and at most k × 100% in total, with the live preview of the combined
 * protection, the attacker's likely target and the defender's expected payoff. What the preview assumes
 * about the others is said on screen.
 */
import { useFormatter, useTranslations } from "use-intl";
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { richTags } from "../strong";
import { fmt } from "../../lib-client/format";
import { evenly, pct, pointsOf, setCoverage, usedUnits, type Preview } from "./preview";

export function CoverageEditor({
  v,
  value,
  onChange,
  preview,
  assumption,
  presets,
  disabled,
}: {
  v: SsgView;
  value: number[];
  onChange: (c: number[]) => void;
  preview: Preview;
  /** What the preview assumes about the others (already in the participant's language). */
  assumption: string;
  presets: { label: string; coverage: number[] }[];
  disabled: boolean;
}) {
  const tr = useTranslations("ssg");
  const format = useFormatter();
  const k = v.me.resources;
  const used = usedUnits(value);
  const left = Math.max(0, Math.round((k - used) * 100) / 100);
  const likely = preview.likely;
  const set = (t: number, x: number) => onChange(setCoverage(value, t, x, k));
  return (
    <div>
      <p className="small" style={{ marginTop: 0 }} data-testid="cov-budget">
        {k === 0 ? tr("noPatrols") : tr.rich("budget", { ...richTags, used: pct(used), total: pct(k), patrols: k, left: pct(left), full: pct(1) })}
      </p>
      <div className="row" style={{ marginBottom: 8 }}>
        <button type="button" className="secondary small" onClick={() => onChange(evenly(v.targets.length, k))} disabled={disabled || k === 0}>
          {tr("spreadEvenly")}
        </button>
        {presets.map((p) => (
          <button key={p.label} type="button" className="secondary small" onClick={() => onChange(p.coverage)} disabled={disabled}>
            {p.label}
          </button>
        ))}
        <button type="button" className="secondary small" onClick={() => onChange(value.map(() => 0))} disabled={disabled}>
          {tr("clear")}
        </button>
      </div>
      {v.targets.map((name, t) => {
        const x = value[t] ?? 0;
        const isLikely = likely.includes(t);
        return (
          <div key={name} style={{ borderTop: "1px solid var(--line)", padding: "8px 0" }} data-testid={`cov-row-${t}`}>
            <div className="spread">
              <label htmlFor={`cov-${t}`} style={{ margin: 0 }}>
                {name}
                {isLikely && (
                  <span className="pill paused" style={{ marginLeft: 8 }} data-testid={`likely-${t}`}>
                    {likely.length === 1 ? tr("likelyAttack") : tr("possibleAttack")}
                  </span>
                )}
              </label>
              <span className="small">
                {tr("yourPatrol")} <strong data-testid={`cov-value-${t}`}>{pct(x)}</strong>
              </span>
            </div>
            <div className="row" style={{ flexWrap: "nowrap" }}>
              <button type="button" className="secondary small" aria-label={tr("lessAt", { target: name })} onClick={() => set(t, x - 0.05)} disabled={disabled || x <= 0}>
                −
              </button>
              <input
                id={`cov-${t}`}
                data-testid={`cov-slider-${t}`}
                type="range"
                min={0}
                max={100}
                step={1}
                value={Math.round(x * 100)}
                onChange={(e) => set(t, Number(e.target.value) / 100)}
                disabled={disabled || k === 0}
                aria-valuetext={tr("sliderValue", { share: pct(x), target: name })}
              />
              <button type="button" className="secondary small" aria-label={tr("moreAt", { target: name })} onClick={() => set(t, x + 0.05)} disabled={disabled || left <= 0 || x >= 1}>
                +
              </button>
            </div>
            <div className="small muted" aria-live="polite">
              {tr("protected")} <strong data-testid={`combined-${t}`}>{pct(preview.combined[t] ?? 0)}</strong>
              <span aria-hidden="true" style={{ display: "inline-block", verticalAlign: "middle", marginLeft: 6, width: 80, height: 8, background: "var(--line)", borderRadius: 4 }}>
                <span style={{ display: "block", width: `${Math.round((preview.combined[t] ?? 0) * 100)}%`, height: 8, background: "var(--ok)", borderRadius: 4 }} />
              </span>
              {preview.attackerValues && <> · {tr("attackerExpects", { value: fmt(preview.attackerValues[t]) })}</>}
            </div>
          </div>
        );
      })}
      <div className="notice small" data-testid="alloc-preview" aria-live="polite">
        <p style={{ margin: "0 0 4px" }}>
          {!v.attacker
            ? tr("previewHidden")
            : likely.length === 1
              ? tr("previewLikely", { target: v.targets[likely[0]!] ?? "", payoff: fmt(preview.myExpected), points: fmt(pointsOf(v, preview.myExpected ?? 0), 1) })
              : tr("previewTie", { targets: format.list(likely.map((t) => v.targets[t] ?? ""), { type: "conjunction" }) })}
        </p>
        <p style={{ margin: 0 }} data-testid="preview-assumption">
          {assumption}
        </p>
      </div>
    </div>
  );
}
