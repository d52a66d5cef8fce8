/**
 * Invariants of a session state that must hold after every command (checked by the engine's property
 * test). Each check returns the violations as sentences; an empty list means the invariant holds.
 */
import { isDeepStrictEqual } from "node:util";
import { adminView, botMoves, ChunkMap, participantView, plainSessionState, upgradeSessionState, type LoadedTreatment, type RoundRow, type SessionState, type StoredSessionState } from "../engine";

/**
 * One history record per participant per finished round: every round row the engine emitted (`ledger`,
 * in order) appears once, covers its group's members once each, and matches the participants'
 * histories exactly; rounds count 1, 2, 3… without gaps; a group's rows stop where its status says.
 */
export function historyViolations(s: SessionState, lt: LoadedTreatment, ledger: readonly RoundRow[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const row of ledger) {
    const key = `${row.groupId}#${row.round}`;
    if (seen.has(key)) out.push(`round ${row.round} of group ${row.groupId} was recorded twice`);
    seen.add(key);
    const g = s.groups.get(row.groupId);
    const ids = row.players.map((p) => p.participantId);
    if (!g) out.push(`round row for unknown group ${row.groupId}`);
    else if (ids.length !== g.members.length || new Set(ids).size !== ids.length || ids.some((id) => !g.members.includes(id)))
      out.push(`round ${row.round} of group ${row.groupId} records ${ids.join(",")} for members ${g.members.join(",")}`);
  }
  for (const pid of s.order) {
    const p = s.participants.get(pid)!;
    const expected = ledger.filter((r) => r.players.some((x) => x.participantId === pid)).map((r) => `${r.groupId}#${r.round}`);
    const actual = p.history.map((h) => `${h.groupId}#${h.round}`);
    if (!isDeepStrictEqual(actual, expected)) out.push(`${pid}: history ${actual.join(" ")} but the recorded rounds are ${expected.join(" ")}`);
    const rounds = p.history.map((h) => h.round);
    if (!rounds.every((r, i) => r === i + 1)) out.push(`${pid}: history rounds ${rounds.join(",")} have gaps or repeats`);
    if (rounds.length > lt.rounds) out.push(`${pid}: ${rounds.length} records for ${lt.rounds} rounds`);
    const sum = p.history.reduce((a, h) => a + h.payoff, 0);
    if (Math.abs(sum - p.totalPayoff) > 1e-6 * Math.max(1, Math.abs(sum))) out.push(`${pid}: total ${p.totalPayoff} is not the sum of its rounds ${sum}`);
  }
  for (const g of s.groups.toArray()) {
    const rounds = ledger.filter((r) => r.groupId === g.id).map((r) => r.round);
    const first = lt.treatment.matching === "random" ? g.round : 1;
    const done = g.status === "finished" || g.status === "barrier" ? g.round : g.status === "playing" || g.status === "computing" ? g.round - 1 : null;
    const last = first + rounds.length - 1;
    if (!rounds.every((r, i) => r === first + i)) out.push(`group ${g.id}: recorded rounds ${rounds.join(",")} should count up from ${first}`);
    if (done !== null && rounds.length > 0 && last !== done) out.push(`group ${g.id} (${g.status}, round ${g.round}) has rounds up to ${last} recorded`);
    if (done !== null && rounds.length === 0 && done >= first) out.push(`group ${g.id} (${g.status}, round ${g.round}) has no recorded round`);
    if (g.status === "ended" && rounds.length > 0 && last !== g.round && last !== g.round - 1) out.push(`ended group ${g.id} at round ${g.round} has rounds up to ${last}`);
  }
  return out;
}

/** Deadlines: a running group's deadline is null or after its phase started; a paused session holds remaining time, not deadlines. */
export function deadlineViolations(s: SessionState, lt: LoadedTreatment): string[] {
  const out: string[] = [];
  for (const g of s.groups.toArray()) {
    if (g.status !== "playing") {
      if (g.deadlineMs !== null) out.push(`group ${g.id} is ${g.status} but has a deadline`);
      continue;
    }
    const dur = lt.game.phases[g.phase]?.durationMs(lt.params, g.round) ?? null;
    if (s.status === "paused") {
      if (g.deadlineMs !== null) out.push(`group ${g.id}: paused session with a deadline`);
      if (dur !== null && (g.remainingMsAtPause === null || g.remainingMsAtPause < 0 || g.remainingMsAtPause > dur))
        out.push(`group ${g.id}: paused with ${g.remainingMsAtPause} ms left of a ${dur} ms phase`);
      if (dur === null && g.remainingMsAtPause !== null) out.push(`group ${g.id}: untimed phase holds ${g.remainingMsAtPause} ms`);
    } else if (s.status === "running") {
      if (g.remainingMsAtPause !== null) out.push(`group ${g.id}: running session still holds paused time ${g.remainingMsAtPause}`);
      if (g.deadlineMs !== null && g.deadlineMs < g.phaseStartedMs) out.push(`group ${g.id}: deadline ${g.deadlineMs} before its phase started at ${g.phaseStartedMs}`);
      if ((g.deadlineMs === null) !== (dur === null)) out.push(`group ${g.id}: phase ${g.phase} (${dur === null ? "untimed" : `${dur} ms`}) has deadline ${g.deadlineMs}`);
    }
  }
  return out;
}

/** Who is where: waiting participants are listed once in `waiting`, playing ones are members of their group. */
export function membershipViolations(s: SessionState): string[] {
  const out: string[] = [];
  if (new Set(s.waiting).size !== s.waiting.length) out.push(`waiting list has repeats: ${s.waiting.join(",")}`);
  for (const pid of s.order) {
    const p = s.participants.get(pid)!;
    if ((p.stage === "waiting") !== s.waiting.includes(pid)) out.push(`${pid} is ${p.stage} but ${s.waiting.includes(pid) ? "is" : "is not"} on the waiting list`);
    if (p.stage === "playing") {
      const g = p.groupId ? s.groups.get(p.groupId) : undefined;
      if (!g || !g.members.includes(pid)) out.push(`${pid} plays in ${p.groupId}, which does not list them`);
    }
  }
  const live = s.groups.toArray().filter((g) => g.status === "playing" || g.status === "computing" || g.status === "barrier");
  const seats = live.flatMap((g) => g.members);
  if (new Set(seats).size !== seats.length) out.push(`a participant sits in two live groups: ${seats.join(",")}`);
  return out;
}

/**
 * Random matching: a group that finished its round waits at the barrier for the others of that round,
 * so some group of that round must still be playing; otherwise nobody would ever be rematched.
 */
export function barrierViolations(s: SessionState): string[] {
  if (s.status === "ended") return [];
  const out: string[] = [];
  const groups = s.groups.toArray();
  for (const g of groups)
    if (g.status === "barrier" && !groups.some((x) => x.round === g.round && (x.status === "playing" || x.status === "computing")))
      out.push(`group ${g.id} waits at the barrier of round ${g.round}, but no group of that round is still playing`);
  return out;
}

/**
 * Progress: a playing group always waits for someone (a phase nobody has to act in would have ended),
 * and in an untimed phase of a running session every pending bot seat has a move to make.
 */
export function progressViolations(s: SessionState, lt: LoadedTreatment, nowMs: number): string[] {
  const out: string[] = [];
  const admin = adminView(s, lt, nowMs);
  const moving = new Set(botMoves(s, lt, nowMs).map((m) => m.pid));
  for (const row of admin.groups) {
    if (row.status !== "playing") continue;
    if (row.pendingCount === 0) out.push(`group ${row.id} plays phase ${row.phase} but waits for nobody`);
    const g = s.groups.get(row.id)!;
    if (s.status !== "running" || g.deadlineMs !== null) continue;
    for (const pid of g.members) {
      const p = s.participants.get(pid)!;
      const pending = participantView(s, lt, pid, nowMs)?.play?.myTurn === true;
      if (pending && (p.bot || p.replacedByBot) && !moving.has(pid)) out.push(`bot ${pid} must act in untimed phase ${row.phase} of group ${row.id} but has no move`);
    }
  }
  return out;
}

/**
 * The state is plain JSON (participants: a ChunkMap that writes its plain record): a JSON round trip
 * gives back an equal state, and reading it back as a restart does (`upgradeSessionState`) gives the
 * same participants in the same order.
 */
export function serialisationViolations(s: SessionState): string[] {
  let back: unknown;
  let text: string;
  try {
    text = JSON.stringify(s);
    back = JSON.parse(text);
  } catch (e) {
    return [`state does not serialise: ${String(e)}`];
  }
  const plain = plainSessionState(s);
  if (!isDeepStrictEqual(back, plain)) return [`state changes in a JSON round trip: ${firstDifference(plain, back)}`];
  const revived = upgradeSessionState(back as StoredSessionState);
  if (!(revived.participants instanceof ChunkMap)) return ["participants are not read back as a ChunkMap"];
  if (JSON.stringify(revived) !== text) return ["state read back from JSON serialises differently"];
  return [];
}

function firstDifference(a: unknown, b: unknown, path = "state"): string {
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, `${path}.${k}`);
    }
  }
  return `${path}: ${String(a)} became ${JSON.stringify(b)}`;
}

const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A number as a whole token of the JSON text (not part of a longer number). */
const numberToken = (x: number) => new RegExp(`(?<![0-9.])${escape(String(Math.abs(x)))}(?![0-9])`);

/**
 * No participant's view holds another participant's id (a link token in production), completion code
 * or private numbers (`secretsOf(index in group)`); a participant outside a group sees nobody's.
 */
export function viewLeaks(s: SessionState, lt: LoadedTreatment, nowMs: number, secretsOf: (index: number) => readonly number[]): string[] {
  const out: string[] = [];
  for (const pid of s.order) {
    const text = JSON.stringify(participantView(s, lt, pid, nowMs));
    const p = s.participants.get(pid)!;
    const g = p.groupId ? s.groups.get(p.groupId) : undefined;
    const me = g ? g.members.indexOf(pid) : -1;
    for (const other of s.order) {
      if (other === pid) continue;
      if (text.includes(`"${other}"`)) out.push(`${pid}'s view holds the id of ${other}`);
      if (text.includes(s.participants.get(other)!.completionCode)) out.push(`${pid}'s view holds the completion code of ${other}`);
    }
    for (let i = 0; i < lt.groupSize; i++) {
      if (i === me) continue;
      for (const x of secretsOf(i)) if (numberToken(x).test(text)) out.push(`${pid}'s view (position ${me}) holds ${x}, private to position ${i}`);
    }
  }
  return out;
}
