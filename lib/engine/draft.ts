/**
 * Copy-on-write for one command. `reduce` starts a draft: a shallow copy of the session whose
 * `participants` and `groups` maps are copied on the first change to one of them (each an editable
 * ChunkMap sharing every chunk, lib/engine/chunk-map.ts; a chunk is copied on its first change, so the
 * cost does not grow with the number of seats). Before changing a
 * participant or a group, the engine asks for its draft copy (cloned once per command); everything
 * untouched keeps its identity. So a rejected command
 * changes nothing, the cost of a command does not grow with the size of the session, and the server can
 * tell by identity which groups and participants changed (to send views and write snapshots only for them).
 * Tests deep-freeze the state they pass to `reduce` (lib/testing/drive.ts), so a write that skipped its
 * draft fails loudly.
 */
import { ChunkMap } from "./chunk-map";
import type { GroupState, ParticipantState, SessionState } from "./state";

interface Draft {
  /** Participants and groups copied in this command. */
  copies: WeakSet<object>;
  /** Whether the draft has its own participants / groups map yet (copied on the first change). */
  ownParticipants: boolean;
  ownGroups: boolean;
}

const drafted = new WeakMap<SessionState, Draft>();

export function beginDraft(state: SessionState): SessionState {
  const s: SessionState = {
    ...state,
    // shared until the command changes one (a 1,000-seat map is not copied for a command that only reads it)
    participants: state.participants,
    groups: state.groups,
    waiting: state.waiting.slice(),
    order: state.order,
    rng: { ...state.rng },
  };
  drafted.set(s, { copies: new WeakSet(), ownParticipants: false, ownGroups: false });
  return s;
}

function draftOf(s: SessionState): Draft {
  const d = drafted.get(s);
  if (!d) throw new Error("engine: change outside a draft (call beginDraft first)");
  return d;
}

function mark(s: SessionState): WeakSet<object> {
  return draftOf(s).copies;
}

function ownParticipants(s: SessionState) {
  const d = draftOf(s);
  if (!d.ownParticipants) {
    s.participants = s.participants.edit();
    d.ownParticipants = true;
  }
}

function ownGroups(s: SessionState) {
  const d = draftOf(s);
  if (!d.ownGroups) {
    s.groups = s.groups.edit();
    d.ownGroups = true;
  }
}

/** The participant, safe to change in this command. */
export function draftParticipant(s: SessionState, pid: string): ParticipantState {
  const p = s.participants.get(pid);
  if (!p) throw new Error(`engine: no participant ${pid}`);
  const set = mark(s);
  if (set.has(p)) return p;
  const copy = cloneParticipant(p);
  set.add(copy);
  ownParticipants(s);
  s.participants.set(pid, copy);
  return copy;
}

/** The group, safe to change in this command (including its game state). */
export function draftGroup(s: SessionState, gid: string): GroupState {
  const g = s.groups.get(gid);
  if (!g) throw new Error(`engine: no group ${gid}`);
  const set = mark(s);
  if (set.has(g)) return g;
  const copy = cloneGroup(g);
  set.add(copy);
  ownGroups(s);
  s.groups.set(gid, copy);
  return copy;
}

/**
 * A participant's draft copy. Its round history is never changed in place (a finished round replaces
 * the list, lib/engine/rounds.ts), so the copy shares it: a command that does not finish a round keeps
 * the same list, which the snapshot then does not write again and views do not rebuild. The last 50
 * action ids get their own list (most commands add one).
 */
function cloneParticipant(p: ParticipantState): ParticipantState {
  const copy: ParticipantState = { ...p, recentActionIds: p.recentActionIds.slice() };
  if (p.external) copy.external = cloneJson(p.external);
  if (p.survey) copy.survey = cloneJson(p.survey);
  return copy;
}

/**
 * A group's draft copy. The engine changes a group's own fields, its per-member records of this phase
 * and round (`acted`, `actionCount`, `roundStats` entries) and replaces the rest (`game` — games are pure
 * and return a new state —, `rng`, `roundSeed`, `computing`); members and roles never change. So the
 * copy shares the game state and the generator states instead of deep-copying them for every action.
 */
function cloneGroup(g: GroupState): GroupState {
  const copy: GroupState = { ...g, acted: { ...g.acted }, actionCount: { ...g.actionCount }, roundStats: cloneJson(g.roundStats) };
  if (g.computing) copy.computing = cloneJson(g.computing);
  return copy;
}

/**
 * A deep copy of a plain-JSON value (the state is plain JSON: lib/engine/engine.properties.test.ts).
 * Several times faster than structuredClone, which serialises; a "__proto__" key stays an own property.
 */
export function cloneJson<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneJson(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = cloneJson((v as Record<string, unknown>)[k]);
    if (k === "__proto__") Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out as T;
}

/** Register a group created in this command. */
export function addGroup(s: SessionState, g: GroupState): GroupState {
  mark(s).add(g);
  ownGroups(s);
  s.groups.set(g.id, g);
  return g;
}

/** Deep-freeze (tests): any write that bypasses the draft throws in strict mode (a ChunkMap's `set` too). */
export function deepFreeze<T>(x: T): T {
  if (x instanceof ChunkMap) {
    if (!Object.isFrozen(x)) for (const v of x.freeze().values()) deepFreeze(v);
  } else if (x && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}
