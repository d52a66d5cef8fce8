/**
 * Sessions stored by older versions of mechlab: their RNG states are the 32-bit `{ s }` of mulberry32.
 * Loading converts them deterministically (lib/core/rng.ts `upgradeRngState`), so a stored session
 * resumes the same way on every load.
 */
import { upgradeRngState, type LegacyRngState, type RngState } from "../core/rng";
import { ChunkMap } from "./chunk-map";
import type { GroupState, ParticipantState, SessionState } from "./state";

type StoredRng = RngState | LegacyRngState;
export type StoredGroupState = Omit<GroupState, "rng" | "roundSeed"> & { rng: StoredRng; roundSeed: StoredRng };
/** The state as JSON (`JSON.parse(JSON.stringify(state))`, a snapshot): participants and groups as plain records. */
export type StoredSessionState = Omit<SessionState, "rng" | "groups" | "participants"> & {
  rng: StoredRng;
  groups: Record<string, StoredGroupState>;
  participants: Record<string, ParticipantState>;
};

/**
 * The state in the current format (run once when a stored session is loaded, or on any JSON copy of a
 * state): participants and groups into ChunkMaps, old RNG states converted.
 */
export function upgradeSessionState(s: StoredSessionState): SessionState {
  const groups: Record<string, GroupState> = {};
  for (const [id, g] of Object.entries(s.groups)) {
    groups[id] = { ...g, rng: upgradeRngState(g.rng), roundSeed: upgradeRngState(g.roundSeed) };
  }
  return { ...s, rng: upgradeRngState(s.rng), groups: ChunkMap.fromRecord(groups), participants: ChunkMap.fromRecord(s.participants) };
}

export type PlainSessionState = Omit<SessionState, "participants" | "groups"> & { participants: Record<string, ParticipantState>; groups: Record<string, GroupState> };

/**
 * The state as plain JSON values: what `JSON.stringify(state)` writes, without serialising (the
 * ChunkMaps as their records; everything else shared).
 */
export function plainSessionState(s: SessionState): PlainSessionState {
  return { ...s, participants: s.participants.toJSON(), groups: s.groups.toJSON() };
}

/** A deep copy of the state through JSON, as a restart reads it back from its snapshot. */
export function stateThroughJson(s: SessionState): SessionState {
  return upgradeSessionState(JSON.parse(JSON.stringify(s)) as StoredSessionState);
}
