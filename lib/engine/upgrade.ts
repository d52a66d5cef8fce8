/**
 * Sessions stored by older versions of mechlab: their RNG states are the 32-bit `{ s }` of mulberry32.
 * Loading converts them deterministically (lib/core/rng.ts `upgradeRngState`), so a stored session
 * resumes the same way on every load.
 */
import { upgradeRngState, type LegacyRngState, type RngState } from "../core/rng";
import type { GroupState, SessionState } from "./state";

type StoredRng = RngState | LegacyRngState;
export type StoredGroupState = Omit<GroupState, "rng" | "roundSeed"> & { rng: StoredRng; roundSeed: StoredRng };
export type StoredSessionState = Omit<SessionState, "rng" | "groups"> & { rng: StoredRng; groups: Record<string, StoredGroupState> };

/** The state in the current format (run once when a stored session is loaded). */
export function upgradeSessionState(s: StoredSessionState): SessionState {
  const groups: Record<string, GroupState> = {};
  for (const [id, g] of Object.entries(s.groups)) {
    groups[id] = { ...g, rng: upgradeRngState(g.rng), roundSeed: upgradeRngState(g.roundSeed) };
  }
  return { ...s, rng: upgradeRngState(s.rng), groups };
}
