import type { ParticipantView } from "@/lib/engine/views";

/** Shown after the intro until the participant's group is complete. */
export function WaitingRoom({ view }: { view: ParticipantView }) {
  const more = Math.max(0, view.waiting.needed - view.waiting.ready);
  return (
    <section className="card" data-testid="waiting-room" aria-live="polite">
      <h2 style={{ marginTop: 0 }}>Please wait</h2>
      <p>
        {more > 0
          ? `Waiting for ${more} more participant${more === 1 ? "" : "s"} to be ready…`
          : "Everyone is ready. Starting…"}
      </p>
      <p className="muted small">Keep this page open. The game starts by itself.</p>
    </section>
  );
}
