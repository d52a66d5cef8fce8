/**
 * How a session's state is stored: `Session.stateJson` holds the top-level fields, each participant
 * (without their round history) and each group is one `SnapshotPart` row ("p", "g"), and each
 * participant's round history is one more ("h"). Participants and groups are immutable once a command is
 * done (lib/engine/draft.ts), so a command rewrites only the parts whose identity changed, and their JSON
 * is cached by identity. A history is replaced only when a round ends, so the participant's row that
 * each of their commands rewrites stays small however many rounds they played (before, it held the whole
 * history and grew by ~340 bytes a round; docs/benchmarks.md).
 */
import { sameJson } from "../../lib/core/same-json";
import type { PlayerRoundRecord } from "../../lib/core/game";
import { upgradeSessionState, type ParticipantState, type SessionState, type StoredSessionState } from "../../lib/engine";

/** `o`'s JSON as `make` writes it, made once per object (the state's objects never change once stored). */
function memo<T extends object>(cache: WeakMap<T, string>, o: T, make: (o: T) => string): string {
  let j = cache.get(o);
  if (j === undefined) {
    j = make(o);
    cache.set(o, j);
  }
  return j;
}

const cache = new WeakMap<object, string>();
const cached = (o: object): string => memo(cache, o, JSON.stringify);

/** p: a participant without their history; g: a group; h: a participant's round history (key: participant id). */
export type PartKind = "p" | "g" | "h";
export interface SnapshotPartRow {
  kind: PartKind;
  key: string;
  json: string;
}

/**
 * The session's top-level fields (everything but participants and groups). The seat order (one id per
 * seat, 22 KB at 1,000 seats) changes only when seats are added, so its JSON is cached by identity like
 * the parts': a batch of commands no longer serialises it again.
 */
export function topJson(s: SessionState): string {
  const { participants: _p, groups: _g, order, ...top } = s;
  void _p;
  void _g;
  const rest = JSON.stringify(top);
  return `${rest.slice(0, -1)}${rest.length > 2 ? "," : ""}"order":${cached(order)}}`;
}

/**
 * Whether a command changed the session's top-level fields other than its version (as plain JSON,
 * identity first: the seat order is shared until seats change; every draft copies `waiting` and `rng`,
 * lib/engine/draft.ts, so those small fields are compared by value). Most commands change only the version and their
 * participants' and group's parts: the store then writes the version column alone and keeps the stored
 * top-level JSON (at 1,000 seats it holds the 22 KB seat order), whose `version` is then older than the
 * column's: `assembleState` takes the column's.
 */
export function topChanged(persisted: SessionState, next: SessionState): boolean {
  for (const k of Object.keys(next) as (keyof SessionState)[]) {
    if (k === "participants" || k === "groups" || k === "version") continue;
    if (!sameJson(persisted[k], next[k])) return true;
  }
  return Object.keys(persisted).length !== Object.keys(next).length;
}


/** A participant's row: everything but the round history (its own row), cached by identity. */
const leanCache = new WeakMap<ParticipantState, string>();
const participantJson = (p: ParticipantState): string =>
  memo(leanCache, p, ({ history: _h, ...rest }) => JSON.stringify(rest));

/**
 * History lists known to be stored in their own "h" row as they are: read from one, or written in a
 * transaction that committed (`partsStored`). Any other list (a round ended; a session stored before
 * histories had their own rows, whose "p" rows still hold them) is written with its participant's next change.
 */
const storedHistories = new WeakSet<readonly PlayerRoundRecord[]>();

/** Parts that differ between the last persisted state (null: none yet) and `next`. */
export function changedParts(persisted: SessionState | null, next: SessionState): SnapshotPartRow[] {
  const out: SnapshotPartRow[] = [];
  // maps share their chunks between states until a command changes one of their entries
  // (lib/engine/draft.ts, lib/engine/chunk-map.ts): only the chunks a command copied are looked into
  for (const key of next.participants.changedKeys(persisted?.participants)) {
    const p = next.participants.get(key)!;
    out.push({ kind: "p", key, json: participantJson(p) });
    // a whole state (persisted null: a new session) writes every history, whatever was stored elsewhere
    if (!persisted || !storedHistories.has(p.history)) out.push({ kind: "h", key, json: cached(p.history) });
  }
  for (const key of next.groups.changedKeys(persisted?.groups)) out.push({ kind: "g", key, json: cached(next.groups.get(key)!) });
  return out;
}

/** The transaction that wrote `parts` (`changedParts(…, state)`) committed: their histories are stored. */
export function partsStored(state: SessionState, parts: readonly SnapshotPartRow[]): void {
  for (const part of parts) {
    if (part.kind !== "h") continue;
    const p = state.participants.get(part.key);
    if (p) storedHistories.add(p.history);
  }
}

/**
 * Rebuild the state from its stored top-level JSON and parts; `version` is the Session row's version
 * column, which is newer than the JSON's when the last commands left the top-level fields alone.
 */
export function assembleState(top: string, parts: readonly { kind: string; key: string; json: string }[], version?: number): SessionState {
  const s = JSON.parse(top) as StoredSessionState;
  if (version !== undefined) s.version = version;
  // sessions written before parts existed kept everything in one JSON document
  s.participants = s.participants ?? {};
  // (plain records here: upgradeSessionState makes them ChunkMaps)
  s.groups = s.groups ?? {};
  const histories = new Map<string, PlayerRoundRecord[]>();
  for (const part of parts) {
    if (part.kind === "p") s.participants[part.key] = JSON.parse(part.json);
    else if (part.kind === "g") s.groups[part.key] = JSON.parse(part.json);
    else if (part.kind === "h") histories.set(part.key, JSON.parse(part.json));
  }
  // a participant's "h" row is newer than a history in their "p" row (sessions stored before "h" rows)
  for (const p of Object.values(s.participants)) {
    const h = histories.get(p.id);
    if (h) storedHistories.add((p.history = h));
    else p.history ??= [];
  }
  // sessions written before the 128-bit generator kept 32-bit RNG states
  return upgradeSessionState(s);
}

/** Which participants may see something new after a command (by identity; all when the session changed). */
export function affectedParticipants(prev: SessionState | undefined, next: SessionState): string[] {
  if (!prev || prev.status !== next.status || prev.pausedMs !== next.pausedMs) return next.order;
  const set = new Set<string>();
  for (const id of next.participants.changedKeys(prev.participants)) set.add(id);
  for (const gid of next.groups.changedKeys(prev.groups)) for (const m of next.groups.get(gid)!.members) set.add(m);
  if (prev.waiting.length !== next.waiting.length || prev.waiting.some((w, i) => next.waiting[i] !== w))
    for (const w of [...prev.waiting, ...next.waiting]) set.add(w);
  return [...set];
}
