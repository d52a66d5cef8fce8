"use client";
/**
 * The launch check on the New Session page: warnings first, then one block per section of what theory
 * predicts (lib/study/launch-check.ts). Each part is its own small component, so a new part (e.g.
 * figures) is one more element here.
 */
import type { LaunchCheck } from "@/lib/study/launch-check";
import { LaunchSectionView } from "./LaunchSectionView";

export function LaunchWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="error" data-testid="launch-warnings">
      {warnings.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  );
}

export function LaunchCheckView({ check }: { check: LaunchCheck }) {
  return (
    <section data-testid="launch-check" aria-labelledby="launch-check-h">
      <h3 id="launch-check-h">What theory predicts for this treatment</h3>
      <LaunchWarnings warnings={check.warnings} />
      {check.sections.map((s) => (
        <LaunchSectionView key={s.id} section={s} />
      ))}
    </section>
  );
}
