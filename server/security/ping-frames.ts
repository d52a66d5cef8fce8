/**
 * WebSocket ping control frames (RFC 6455 §5.5.2). The `ws` library under Socket.IO answers each with a pong,
 * a write of its own, below every check of mechlab's (per-address limits, handshakes, packet budgets): 24
 * websockets sending pings in a loop, without a link and without ever sending Socket.IO's handshake, held
 * every session up for seconds (fresh-clone review B1, 2026-12-07). Browsers never send ping frames
 * (Engine.IO's heartbeat travels as ordinary messages); a proxy might, rarely. So a connection may send a
 * few, and one that sends more than MAX_PING_FRAMES within PING_WINDOW_MS is dropped at the TCP level.
 */

export const MAX_PING_FRAMES = 10;
export const PING_WINDOW_MS = 10_000;

/** The part of a `ws` WebSocket used here (Engine.IO's websocket transport keeps it as `socket`). */
interface PingSource {
  on(event: "ping", f: () => void): unknown;
  terminate(): void;
}

/** Drops the websocket of an Engine.IO transport when it sends ping frames beyond the allowance. */
export function limitPingFrames(transport: unknown, now: () => number = Date.now): void {
  const t = transport as { name?: string; socket?: Partial<PingSource> } | undefined;
  const ws = t?.name === "websocket" ? t.socket : undefined;
  if (typeof ws?.on !== "function" || typeof ws.terminate !== "function") return;
  const source = ws as PingSource;
  let windowStart = -Infinity;
  let count = 0;
  source.on("ping", () => {
    const at = now();
    if (at - windowStart >= PING_WINDOW_MS) {
      windowStart = at;
      count = 0;
    }
    if (++count > MAX_PING_FRAMES) source.terminate();
  });
}
