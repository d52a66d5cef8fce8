/**
 * Group lifecycle: forming groups, starting rounds, entering/leaving phases, timeouts, scoring.
 *
 * Algorithm overview
 * - Fixed matching: as soon as `groupSize` participants are ready (consent, instructions and quiz done)
 *   they form a group in arrival order and start round 1 at once; the group stays together.
 * - Random matching: nobody starts until every seat is ready; then, and again at the end of each
 *   round once every group has finished it, all participants are shuffled (session RNG) into new groups.
 * - Within a round, a phase ends when the game's `pending()` is empty, when its deadline passes
 *   (the game's `onTimeout` fills defaults, flagged timed out), or when the experimenter forces it.
 *   `next()` picks the following phase; null ends the round, which is then scored and recorded.
 * All functions change the session draft passed in (lib/engine/draft.ts); a group passed as `g` must
 * already be a draft (`draftGroup`).
 */
import type { PlayerId, RoundContext } from "../core/game";
import { deriveState, makeRng, shuffle, type RngState } from "../core/rng";
import { viewContext, withContext } from "./context";
import { addGroup, draftGroup, draftParticipant } from "./draft";
import { runComputeStep, startComputing } from "./compute";
import { finiteScore } from "./finite-score";
import { finishPlay } from "./survey";
import { groupInPlay, type Effects, type GroupState, type PhaseEndedBy, type SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

function phaseSpec(lt: LoadedTreatment, g: GroupState) {
  const spec = lt.game.phases[g.phase];
  if (!spec) throw new Error(`game ${lt.game.id} has no phase "${g.phase}"`);
  return spec;
}

/**
 * A seat as the server log names it: "seat N (participant id)", N counted from 1 like the monitor, the
 * participant's screen and the exports' `seat` column (server/export/columns.ts `exportedSeat`).
 */
export function seatName(s: SessionState, pid: PlayerId): string {
  const p = s.participants.get(pid);
  return p ? `seat ${p.seat + 1} (${pid})` : pid;
}

/** Members who still have to act in the group's current phase. */
export function pendingOf(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number): PlayerId[] {
  if (g.status !== "playing") return [];
  return pendingIn(g, lt, viewContext(s, g, lt, nowMs));
}

/** `pendingOf` with the group's view context already made (views share one per group). */
export function pendingIn(g: GroupState, lt: LoadedTreatment, ctx: RoundContext<unknown>): PlayerId[] {
  if (g.status !== "playing") return [];
  return phaseSpec(lt, g).pending(g.game, ctx);
}

function enterPhase(s: SessionState, g: GroupState, lt: LoadedTreatment, phase: string, nowMs: number) {
  g.phase = phase;
  const spec = phaseSpec(lt, g);
  if (spec.onEnter) g.game = withContext(s, g, lt, nowMs, (ctx) => spec.onEnter!(g.game, ctx));
  g.phaseStartedMs = nowMs;
  g.phaseSeq += 1;
  const dur = spec.durationMs(lt.params, g.round);
  g.deadlineMs = dur === null ? null : nowMs + dur;
  g.remainingMsAtPause = s.status === "paused" && dur !== null ? dur : null;
  if (s.status === "paused") g.deadlineMs = null;
  g.acted = {};
  g.actionCount = {};
}

function startRound(s: SessionState, g: GroupState, lt: LoadedTreatment, round: number, nowMs: number) {
  g.round = round;
  g.status = "playing";
  g.roundSeed = { ...g.rng };
  g.roundStats = {};
  for (const m of g.members) g.roundStats[m] = { decisionMs: null, timedOut: false, bot: false, endedBy: null, botReason: null, botStrategy: null };
  g.game = withContext(s, g, lt, nowMs, (ctx) => lt.game.setupRound(ctx));
  const first = lt.game.firstPhase ? lt.game.firstPhase(lt.params, round) : Object.keys(lt.game.phases)[0];
  if (first === undefined) throw new Error(`game ${lt.game.id} has no phases`);
  enterPhase(s, g, lt, first, nowMs);
}

/** The session state after one draw (so the next group's stream differs). */
function advance(st: RngState): RngState {
  const r = makeRng(st);
  r.next();
  return r.state();
}

/** Create a group from `members` and start `round`. */
function createGroup(s: SessionState, lt: LoadedTreatment, members: PlayerId[], round: number, nowMs: number, fx: Effects) {
  s.groupSeq += 1;
  const id = lt.treatment.matching === "random" ? `r${round}g${s.groupSeq}` : `g${s.groupSeq}`;
  const roleNames = lt.game.roles(lt.params);
  const roles: Record<string, string> = {};
  members.forEach((m, i) => (roles[m] = roleNames[i] ?? "player"));
  // the group's stream is derived from the session's (128 bits each), then the session's advances
  const rng = deriveState(s.rng, "group", s.groupSeq);
  s.rng = advance(s.rng);
  const g: GroupState = {
    id,
    members,
    roles,
    round: 0,
    phase: "",
    phaseStartedMs: nowMs,
    phaseSeq: 0,
    deadlineMs: null,
    remainingMsAtPause: null,
    status: "playing",
    game: null,
    rng,
    roundSeed: rng,
    acted: {},
    actionCount: {},
    roundStats: {},
  };
  addGroup(s, g);
  for (const m of members) {
    const p = draftParticipant(s, m);
    p.stage = "playing";
    p.groupId = id;
  }
  fx.notes.push(`group ${id} formed: ${members.map((m) => seatName(s, m)).join(", ")}`);
  startRound(s, g, lt, round, nowMs);
}

/** Form as many groups as the matching rule allows. */
export function formGroups(s: SessionState, lt: LoadedTreatment, nowMs: number, fx: Effects) {
  if (s.status === "ended") return;
  if (lt.treatment.matching === "fixed") {
    while (s.waiting.length >= lt.groupSize) {
      const members = s.waiting.splice(0, lt.groupSize);
      createGroup(s, lt, members, 1, nowMs, fx);
    }
    return;
  }
  if (s.sessionRound === 0 && s.waiting.length === lt.seats) {
    s.sessionRound = 1;
    regroup(s, lt, s.waiting.splice(0), 1, nowMs, fx);
  }
}

function regroup(s: SessionState, lt: LoadedTreatment, everyone: PlayerId[], round: number, nowMs: number, fx: Effects) {
  const rng = makeRng(s.rng);
  const order = shuffle(everyone, rng);
  s.rng = rng.state();
  for (let i = 0; i + lt.groupSize <= order.length; i += lt.groupSize)
    createGroup(s, lt, order.slice(i, i + lt.groupSize), round, nowMs, fx);
}

function finishRound(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number, fx: Effects) {
  recordRound(s, g, lt, nowMs, fx);
  if (g.round >= lt.rounds) {
    endGroup(s, g, "finished", lt, nowMs);
    fx.notes.push(`group ${g.id} finished`);
    return;
  }
  if (lt.treatment.matching === "fixed") {
    startRound(s, g, lt, g.round + 1, nowMs);
    return;
  }
  g.status = "barrier";
  g.deadlineMs = null;
  releaseBarrier(s, lt, g.round, nowMs, fx);
}

/**
 * The experimenter ends the session while group `g` reads its round's results — the round's last step,
 * a read-and-continue one, so every choice was made and the outcome is on people's screens: the round
 * is recorded as played (the points people saw are the points they are paid, and the data hold the
 * round). False, and nothing changes, in any other step (a round still being decided is not played).
 */
export function recordShownRound(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number, fx: Effects): boolean {
  const shown = closedShownRound(s, g, lt, nowMs);
  if (shown === null) return false;
  g.game = shown.game;
  g.rng = shown.rng;
  recordRound(s, g, lt, nowMs, fx);
  return true;
}

/**
 * Group `g` as it would be once its results step closed — a copy; `g` is not changed — when that step
 * ends the round (a read-and-continue step with no `next`); null in any other step. As closePhase: the
 * step's onExit runs, then `next` says whether the round ends with it.
 */
function closedShownRound(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number): GroupState | null {
  if (g.status !== "playing") return null;
  const spec = phaseSpec(lt, g);
  if (spec.kind !== "info" || spec.compute) return null;
  const closed: GroupState = { ...g };
  if (spec.onExit) closed.game = withContext(s, closed, lt, nowMs, (ctx) => spec.onExit!(closed.game, ctx));
  return withContext(s, closed, lt, nowMs, (ctx) => spec.next(closed.game, ctx)) === null ? closed : null;
}

/** Points of the round on screen by group state (its game, phase and round): a monitor asks on every push. */
const shownPointsCache = new WeakMap<object, { phase: string; round: number; points: Record<PlayerId, number> | null }>();

/**
 * Each member's points of the round whose results group `g` shows now, before the round is recorded
 * (it is when the group goes on, or the session ends): what the participant's screen already counts in
 * their points so far. Null when the group is not on the results step that ends its round.
 */
export function shownRoundPoints(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number): Record<PlayerId, number> | null {
  if (g.status !== "playing") return null;
  const key = typeof g.game === "object" && g.game !== null ? g.game : null;
  const hit = key ? shownPointsCache.get(key) : undefined;
  if (hit && hit.phase === g.phase && hit.round === g.round) return hit.points;
  const closed = closedShownRound(s, g, lt, nowMs);
  let points: Record<PlayerId, number> | null = null;
  if (closed !== null) {
    const score = finiteScore(withContext(s, closed, lt, nowMs, (ctx) => lt.game.score(closed.game, ctx))).score;
    points = Object.fromEntries(g.members.map((m) => [m, score.players[m]?.payoff ?? 0]));
  }
  if (key) shownPointsCache.set(key, { phase: g.phase, round: g.round, points });
  return points;
}

/** Score group `g`'s round and record it: each member's history and points, and the round's rows (`fx.rounds`). */
function recordRound(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number, fx: Effects) {
  const guarded = finiteScore(withContext(s, g, lt, nowMs, (ctx) => lt.game.score(g.game, ctx)));
  const score = guarded.score;
  if (guarded.problems.length > 0)
    fx.notes.push(`group ${g.id} round ${g.round}: non-finite numbers replaced by null (payoff 0): ${guarded.problems.join(", ")}`);
  const row = {
    groupId: g.id,
    round: g.round,
    mechanism: score.mechanism,
    group: score.group,
    seed: g.roundSeed,
    players: [] as Effects["rounds"][number]["players"],
  };
  for (const m of g.members) {
    const p = draftParticipant(s, m);
    const ps = score.players[m] ?? { decision: {}, outcome: {}, payoff: 0 };
    const st = g.roundStats[m] ?? { decisionMs: null, timedOut: false, bot: false };
    const record = {
      round: g.round,
      groupId: g.id,
      role: g.roles[m] ?? "player",
      decision: ps.decision,
      outcome: ps.outcome,
      payoff: ps.payoff,
      decisionMs: st.decisionMs,
      timedOut: st.timedOut,
      ...(st.endedBy === "experimenter" ? { endedByExperimenter: true } : {}),
      isBot: st.bot,
    };
    p.history = [...p.history, record]; // a new list: states before this round keep theirs (lib/engine/draft.ts)
    p.totalPayoff += ps.payoff;
    row.players.push({
      participantId: m,
      seat: p.seat,
      // a latecomer still reading the intro of the seat they take over (lib/engine/takeover.ts) had not consented
      // when the bot chose: the bot's round is not recorded under their label, also when the round is recorded
      // (as its group leaves the results) after they finished reading
      label: p.takeover || st.botReason === "latecomer" ? null : p.label,
      record,
      how: { endedBy: st.endedBy ?? null, botReason: st.botReason ?? null, botStrategy: st.botStrategy ?? null },
    });
  }
  fx.rounds.push(row);
}

/**
 * Random matching: once no group of `round` is still playing, everyone waiting at its barrier is
 * rematched into the next round. Called when a group reaches the barrier and when a group of the round
 * ends early (a dropout under policy "end"), so the groups that finished never wait for it forever.
 */
export function releaseBarrier(s: SessionState, lt: LoadedTreatment, round: number, nowMs: number, fx: Effects) {
  if (lt.treatment.matching !== "random") return;
  const live = s.groups.toArray().filter((x) => x.round === round && groupInPlay(x));
  if (live.length === 0 || !live.every((x) => x.status === "barrier")) return;
  const everyone: PlayerId[] = [];
  for (const x of live) {
    draftGroup(s, x.id).status = "finished";
    everyone.push(...x.members);
  }
  s.sessionRound = round + 1;
  regroup(s, lt, s.order.filter((pid) => everyone.includes(pid)), round + 1, nowMs, fx);
}

/**
 * Mark a (drafted) group over. Its members go on to the exit survey (or straight to the final page when
 * the treatment has none); without `lt` (the experimenter ended the session) straight to the final page.
 */
export function endGroup(s: SessionState, g: GroupState, status: "finished" | "ended", lt?: LoadedTreatment, nowMs = 0) {
  g.status = status;
  g.deadlineMs = null;
  for (const m of g.members) {
    // who held a person's seat when play ended: payments.csv `finished` (lib/study/payments.ts `finishedSeat`)
    const held = s.participants.get(m);
    if (held && !held.bot) draftParticipant(s, m).playEndedWith = held.replacedByBot ? "bot" : "person";
    if (lt) finishPlay(s, lt, m, nowMs);
    else draftParticipant(s, m).stage = "done";
  }
}

/** Record that `pid` acted in the current phase (for decision_ms), and whether a bot did (and why). */
export function noteAction(s: SessionState, g: GroupState, pid: PlayerId, nowMs: number, byBot: boolean) {
  g.acted[pid] = Math.max(0, nowMs - g.phaseStartedMs);
  g.actionCount = g.actionCount ?? {};
  g.actionCount[pid] = (g.actionCount[pid] ?? 0) + 1;
  const st = g.roundStats[pid];
  const p = s.participants.get(pid);
  if (st && byBot && p) {
    st.bot = true;
    st.botReason = p.bot ? "bot_seat" : (p.botReason ?? "experimenter");
    st.botStrategy = p.botStrategy;
  }
}

/** closePhase's answer when the phase's step runs off the event loop: the group waits for `computed`. */
const COMPUTING = Symbol("computing");

function closePhase(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number, fx: Effects): string | null | typeof COMPUTING {
  const spec = phaseSpec(lt, g);
  if (spec.kind === "decision")
    for (const [pid, ms] of Object.entries(g.acted)) {
      const st = g.roundStats[pid];
      if (st) st.decisionMs = (st.decisionMs ?? 0) + ms;
    }
  if (spec.onExit) g.game = withContext(s, g, lt, nowMs, (ctx) => spec.onExit!(g.game, ctx));
  const compute = spec.compute;
  const req = compute ? withContext(s, g, lt, nowMs, (ctx) => compute.request(g.game, ctx)) : null;
  if (compute && req) {
    if (!req.inline) {
      startComputing(g, req, fx);
      return COMPUTING;
    }
    const output = runComputeStep(req.unit, req.input);
    g.game = withContext(s, g, lt, nowMs, (ctx) => compute.apply(g.game, output, ctx));
  }
  return withContext(s, g, lt, nowMs, (ctx) => spec.next(g.game, ctx));
}

/** Enter the next phase, or finish the round when there is none. */
function proceed(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number, fx: Effects, next: string | null) {
  if (next !== null) enterPhase(s, g, lt, next, nowMs);
  else finishRound(s, g, lt, nowMs, fx);
}

/**
 * A computing group gets its step's output (the `computed` command): the phase's `compute.apply`
 * merges it, then the round goes on exactly as if the step had run inline.
 */
export function resumeComputed(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number, fx: Effects, output: unknown) {
  const spec = phaseSpec(lt, g);
  if (!spec.compute) throw new Error(`game ${lt.game.id}: phase "${g.phase}" has no compute step`);
  const compute = spec.compute;
  g.status = "playing";
  g.computing = null;
  g.game = withContext(s, g, lt, nowMs, (ctx) => compute.apply(g.game, output, ctx));
  proceed(s, g, lt, nowMs, fx, withContext(s, g, lt, nowMs, (ctx) => spec.next(g.game, ctx)));
  settle(s, g, lt, nowMs, fx);
}

/**
 * Advance the group while its phase is complete: next phases, round ends, new rounds.
 * `force` ends the current phase even if members are pending: its deadline passed ("timeout") or the
 * experimenter ended it ("experimenter"). Only a real timeout marks decisions `timedOut`.
 */
export function settle(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number, fx: Effects, force: PhaseEndedBy | null = null) {
  let guard = 0;
  let forced = force;
  while (g.status === "playing") {
    if (++guard > 1000) throw new Error(`game ${lt.game.id} loops without ending its phases`);
    const pending = pendingOf(s, g, lt, nowMs);
    if (pending.length > 0 && !forced) return;
    if (pending.length > 0) {
      const spec = phaseSpec(lt, g);
      // flagged first, so `ctx.timedOut(pid)` already holds inside the game's onTimeout
      if (spec.kind === "decision" && forced)
        for (const pid of pending) {
          const st = g.roundStats[pid];
          if (!st) continue;
          if (forced === "timeout") st.timedOut = true;
          st.endedBy = st.endedBy === "experimenter" ? "experimenter" : forced;
        }
      g.game = withContext(s, g, lt, nowMs, (ctx) => spec.onTimeout(g.game, pending, ctx));
    }
    forced = null;
    const next = closePhase(s, g, lt, nowMs, fx);
    if (next === COMPUTING) return;
    proceed(s, g, lt, nowMs, fx, next);
  }
}
