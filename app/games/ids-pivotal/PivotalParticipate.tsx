"use client";
/** Step 1: join the mechanism or stay out. */
import type { idsPivotal } from "@/lib/games/ids-pivotal";
import { fmt } from "../../lib-client/format";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { PivotalType } from "./TypeCard";

export function PivotalParticipate({ v, play, act, locked }: PhaseProps<typeof idsPivotal, "participate">) {
  const { send, busy, error } = useIntent(act);
  const choose = (join: boolean) => void send(`r${play.round}:join:${join}`, { type: "participate", join });
  if (v.myJoin !== null) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="participate-done">
          You chose to {v.myJoin ? "join the mechanism" : "stay out"}.{" "}
          {play.pendingCount > 0 ? `Waiting for ${play.pendingCount} other${play.pendingCount === 1 ? "" : "s"}…` : "Next step…"}
        </p>
        <PivotalType v={v} />
      </div>
    );
  }
  const lonerText =
    v.rules.loner === "free"
      ? "you choose your own investment after seeing what the participants will invest"
      : "the computer picks the investment that is best for you given what the participants will invest";
  return (
    <div>
      <PivotalType v={v} />
      <section className="card">
        <p style={{ marginTop: 0 }}>
          <strong>Join:</strong> you report your type, the mechanism sets your investment and charges you a tax (or pays you).
        </p>
        <p>
          <strong>Stay out:</strong> you pay no tax; {lonerText}.
          {v.rules.information === "incomplete" ? " The mechanism then plans as if you invested nothing." : " The mechanism knows your type and anticipates your response."}
        </p>
        {v.last && (
          <p className="small muted">
            Last round you {v.last.joined ? "joined" : "stayed out"} and earned {fmt(v.last.points, 1)} points.
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="participate-error">
            {error.message}
          </p>
        )}
        <div className="row">
          <button type="button" data-testid="join-in" onClick={() => choose(true)} disabled={busy || locked}>
            Join the mechanism
          </button>
          <button type="button" className="secondary" data-testid="join-out" onClick={() => choose(false)} disabled={busy || locked}>
            Stay out
          </button>
        </div>
      </section>
    </div>
  );
}
