"use client";
/** The live round: status bar, then the game's own UI inside a `phase-<id>` container. */
import type { ParticipantView } from "@/lib/engine/views";
import { gameUis } from "../../games/registry";
import type { ActFn } from "../../lib-client/use-intent";
import { Markdown } from "../Markdown";
import { PlayStatus } from "./PlayStatus";

export function PlayScreen({ view, receivedAt, act }: { view: ParticipantView; receivedAt: number; act: ActFn }) {
  const play = view.play;
  if (!play) return <p className="card">Your group is being formed…</p>;
  const locked = view.status !== "running" || view.botPlaying;
  const GameUi = gameUis[view.gameId];
  return (
    <div>
      <PlayStatus play={play} receivedAt={receivedAt} running={view.status === "running"} />
      <h2 style={{ marginTop: 0 }}>{play.phaseLabel}</h2>
      {play.game === null ? (
        <p className="card" role="status">
          Your round is over. Waiting for the other groups to finish theirs…
        </p>
      ) : (
        <section data-testid={`phase-${play.phase}`} aria-label={play.phaseLabel}>
          {GameUi ? (
            <GameUi key={`${play.round}:${play.phase}:${play.phaseSeq}`} view={view} play={play} game={play.game} act={act} locked={locked} />
          ) : (
            <p className="error">This page cannot show the game “{view.gameId}”. Please tell the experimenter.</p>
          )}
        </section>
      )}
      {view.intro.instructions && (
        <details className="card">
          <summary>Instructions</summary>
          <Markdown source={view.intro.instructions} />
        </details>
      )}
    </div>
  );
}
