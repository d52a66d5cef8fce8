/**
 * How often the experimenter's monitor and the room's screen of a session are pushed while commands come.
 * Both go at most once per delay (server/realtime/sockets.ts): 200 ms for sessions up to 200 seats; above,
 * one millisecond per seat (1,000 seats: once a second), at most every 2 s. The monitor of a big session is
 * large (1,000 seats: ~0.5 MB after one round, ~1.4 MB after 20, 2–8 ms of CPU to build and encode;
 * `npm run bench -- monitor-views`), and a table of 1,000 rows redrawn five times a second helps nobody.
 */
export const ADMIN_PUSH_MIN_MS = 200;
export const ADMIN_PUSH_MAX_MS = 2000;

export function adminPushDelayMs(seats: number): number {
  return Math.min(ADMIN_PUSH_MAX_MS, Math.max(ADMIN_PUSH_MIN_MS, Math.round(seats)));
}
