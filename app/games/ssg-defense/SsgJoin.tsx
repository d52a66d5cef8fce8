"use client";
/** Join phase: join the coordination or act alone this round. */
import type { ssgDefense } from "@/lib/games/ssg-defense";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { mechanismText } from "./mechanism-text";
import { SsgSituation } from "./SsgSituation";
import { Waiting } from "./Waiting";

export function SsgJoin({ v, play, act, locked }: PhaseProps<typeof ssgDefense, "join">) {
  const { send, busy, error } = useIntent(act);
  if (!play.myTurn)
    return (
      <div>
        <Waiting pending={play.pendingCount} testId="join-done">
          {v.join?.mine ? "You join the coordination this round." : "You act alone this round."}
        </Waiting>
        <SsgSituation v={v} />
      </div>
    );
  const choose = (join: boolean) => void send(`r${play.round}:join:${join}`, { type: "join", join });
  return (
    <div>
      <SsgSituation v={v} />
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Join the coordination this round?</h3>
        <ul className="small">
          <li>
            <strong>Join:</strong> you tell the coordinator your payoffs (you may change them) and it plans your patrol together with the
            others who join. {v.mechanism ? mechanismText(v.mechanism.kind) : ""}
          </li>
          <li>
            <strong>Act alone:</strong> you split your own patrol time, as without coordination. The coordinator takes your patrol as given.
          </li>
        </ul>
        {error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
        <div className="grid-2">
          <button type="button" data-testid="join-yes" disabled={busy || locked} onClick={() => choose(true)}>
            Join the coordination
          </button>
          <button type="button" className="secondary" data-testid="join-no" disabled={busy || locked} onClick={() => choose(false)}>
            Act alone
          </button>
        </div>
      </section>
    </div>
  );
}
