/**
 * The session snapshot as JSON, written after every accepted command. Participants and groups are
 * immutable once a command is done (lib/engine/draft.ts), so their JSON is cached by identity and a
 * command re-serialises only what it changed.
 */
import type { SessionState } from "../../lib/engine";

const cache = new WeakMap<object, string>();

function cached(o: object): string {
  let j = cache.get(o);
  if (j === undefined) {
    j = JSON.stringify(o);
    cache.set(o, j);
  }
  return j;
}

const entries = (m: Record<string, object>) =>
  Object.entries(m)
    .map(([k, v]) => `${JSON.stringify(k)}:${cached(v)}`)
    .join(",");

export function snapshotJson(s: SessionState): string {
  const { participants, groups, ...top } = s;
  const head = JSON.stringify(top);
  return `${head.slice(0, -1)},"participants":{${entries(participants)}},"groups":{${entries(groups)}}}`;
}

/** Which participants may see something new after a command (by identity; "all" when the session changed). */
export function affectedParticipants(prev: SessionState | undefined, next: SessionState): string[] {
  if (!prev || prev.status !== next.status || prev.pausedMs !== next.pausedMs) return next.order;
  const set = new Set<string>();
  for (const id of next.order) if (prev.participants[id] !== next.participants[id]) set.add(id);
  for (const [gid, g] of Object.entries(next.groups)) if (prev.groups[gid] !== g) for (const m of g.members) set.add(m);
  if (prev.waiting.length !== next.waiting.length || prev.waiting.some((w, i) => next.waiting[i] !== w))
    for (const w of [...prev.waiting, ...next.waiting]) set.add(w);
  return [...set];
}
