/** What every game's participant UI receives from the play screen. */
import type { ParticipantView, PlayView } from "@/lib/engine/views";
import type { ActFn } from "../lib-client/use-intent";

export interface GameUiProps {
  view: ParticipantView;
  play: PlayView;
  /** The game's own whitelist view (shape decided by the game module). */
  game: unknown;
  /** Sends an action answering the phase instance on screen (bound by PlayScreen). */
  act: ActFn;
  /** True while the person cannot act (session paused, or a bot plays their seat); banners say why. */
  locked: boolean;
}
