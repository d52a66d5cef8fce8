"use client";
/**
 * The participant's whole experience on one URL (/p/<token>), driven by the server's view:
 * intro → waiting → playing → done. Reloading or reconnecting resyncs to the same screen.
 */
import { useEffect } from "react";
import { useParticipant } from "../../lib-client/use-participant";
import { setDisplayDecimals } from "../../lib-client/format";
import { FinalPage } from "./FinalPage";
import { IntroSteps } from "./IntroSteps";
import { PlayScreen } from "./PlayScreen";
import { WaitingRoom } from "./WaitingRoom";

export function ParticipantApp({ token }: { token: string }) {
  const { view, receivedAt, connection, fatal, intro, act } = useParticipant(token);
  const title = view?.title ?? "Study";
  // before any child renders a number: the treatment's decimals apply to this page
  setDisplayDecimals(view?.decimals ?? null);
  useEffect(() => {
    document.title = title;
  }, [title]);

  if (fatal)
    return (
      <main className="page">
        <h1>{title}</h1>
        <p className="error" role="alert" data-testid="link-error">
          {fatal}
        </p>
      </main>
    );

  return (
    <>
      {connection === "reconnecting" && (
        <div className="banner warn" role="status" data-testid="reconnecting">
          Connection lost — reconnecting… Your choices so far are saved.
        </div>
      )}
      {view?.status === "paused" && (
        <div className="banner warn" role="status" data-testid="paused-banner">
          The experimenter has paused the session. The timer is stopped; please wait.
        </div>
      )}
      {view?.botPlaying && view.stage === "playing" && (
        <div className="banner info" role="status" data-testid="bot-banner">
          A bot is making the choices for your seat right now.
        </div>
      )}
      <main className="page">
        <header className="spread">
          <h1 style={{ fontSize: "1.2rem", margin: "4px 0" }} data-testid="participant-title">
            {title}
          </h1>
          {view && (
            <span className="muted small" data-testid="my-seat">
              {view.label ? `${view.label} · ` : ""}Seat {view.seat + 1}
            </span>
          )}
        </header>
        {!view ? (
          <p className="card" role="status" data-testid="connecting">
            Connecting…
          </p>
        ) : view.status === "draft" ? (
          <p className="card" role="status" data-testid="not-open">
            The session has not started yet. Keep this page open: it continues by itself when the experimenter opens the session.
          </p>
        ) : view.stage === "new" || view.stage === "intro" ? (
          <IntroSteps view={view} intro={intro} />
        ) : view.stage === "waiting" ? (
          <WaitingRoom view={view} />
        ) : view.stage === "playing" ? (
          <PlayScreen view={view} receivedAt={receivedAt} act={act} />
        ) : (
          <FinalPage view={view} />
        )}
      </main>
    </>
  );
}
