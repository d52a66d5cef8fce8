import type { ReactNode } from "react";

/** The status line once a person has acted in a phase: what they chose, then "Waiting for 2 other defenders…". */
export function Waiting({ pending, children, testId }: { pending: number; children: ReactNode; testId: string }) {
  return (
    <p className="ok-box" role="status" data-testid={testId}>
      {children}{" "}
      {pending > 0 ? `Waiting for ${pending} other defender${pending === 1 ? "" : "s"}…` : "Computing the results…"}
    </p>
  );
}
