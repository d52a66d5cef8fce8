/**
 * How often the experimenter's monitor and the room's screen of a session are pushed while commands come.
 * Both go at most once per delay (server/realtime/sockets.ts): twice a second for sessions up to 500 seats;
 * above, one millisecond per seat (1,000 seats: once a second), at most every 2 s. A monitor push is not
 * small (a 20-seat session's ~13 KB, a 1,000-seat session's ~0.5 MB after one round and ~1.4 MB after 20,
 * 2–8 ms of CPU to build and encode; `npm run bench -- monitor-views`), and with a monitor and a room's
 * screen open for every session they were a fifth of the server's CPU at five pushes a second
 * (docs/benchmarks.md). Counts that move twice a second still read as live.
 */
export const ADMIN_PUSH_MIN_MS = 500;
export const ADMIN_PUSH_MAX_MS = 2000;

export function adminPushDelayMs(seats: number): number {
  return Math.min(ADMIN_PUSH_MAX_MS, Math.max(ADMIN_PUSH_MIN_MS, Math.round(seats)));
}
