/**
 * A headless driver for tests: runs a session with its bots on a fake clock until every group has
 * finished, through the same `reduce` the server uses. Throws "bots got stuck" when nothing can move.
 */
import { deepFreeze } from "../engine/draft";
import { botMoves, createSessionState, nextWakeMs, reduce, type Command, type ComputeJob, type LoadedTreatment, type RoundRow, type SessionState } from "../engine";
import { runComputeJob } from "../mechanisms/compute-job";

export interface DriveResult {
  state: SessionState;
  rounds: RoundRow[];
  notes: string[];
}

export function newSession(lt: LoadedTreatment, seed = "test", nowMs = 1_000_000): { state: SessionState; rounds: RoundRow[] } {
  const ids = Array.from({ length: lt.seats }, (_, i) => `p${i + 1}`);
  const { state, effects } = createSessionState(lt, { id: "s1", seed, nowMs, participantIds: ids, completionCodes: ids.map((i) => `code-${i}`) });
  return { state: deepFreeze(state), rounds: effects.rounds };
}

/**
 * Apply a command and throw on rejection (tests use this for steps that must succeed). Steps the
 * command sends off the event loop (lib/engine/compute.ts) are run at once and fed back as `computed`
 * commands at the same time, unless `deferComputes` collects them for the test to run itself.
 */
export function must(state: SessionState, lt: LoadedTreatment, cmd: Command, nowMs: number, sink?: DriveResult, deferComputes?: ComputeJob[]) {
  const r = reduce(deepFreeze(state), lt, cmd, nowMs);
  if (!r.ok) throw new Error(`${cmd.kind} rejected: ${r.error.code} ${r.error.message}`);
  if (sink) {
    sink.rounds.push(...r.effects.rounds);
    sink.notes.push(...r.effects.notes);
  }
  let s = r.state;
  if (deferComputes) deferComputes.push(...r.effects.computes);
  else for (const job of r.effects.computes) s = must(s, lt, { kind: "computed", groupId: job.groupId, key: job.key, output: runComputeJob(job) }, nowMs, sink);
  return s;
}

/** Take the human seats through consent, instructions and (if any) the quiz, answering it right. */
export function passIntro(s: SessionState, lt: LoadedTreatment, now: number, pids: readonly string[] = s.order): SessionState {
  for (const pid of pids) {
    if (s.participants.get(pid)!.bot) continue;
    s = must(s, lt, { kind: "connect", pid }, now);
    s = must(s, lt, { kind: "consent", pid }, now);
    s = must(s, lt, { kind: "instructions", pid }, now);
    if (lt.treatment.intro.quiz.length) s = must(s, lt, { kind: "quiz", pid, answers: lt.treatment.intro.quiz.map((q) => q.answer) }, now);
  }
  return s;
}

/** Let bots play (and the clock run to deadlines) until the session is over or `until` holds; `observe` sees the state before every step and the last one. */
export function runBots(
  start: SessionState,
  lt: LoadedTreatment,
  nowMs: number,
  opts: { maxSteps?: number; until?: (s: SessionState) => boolean; stepMs?: number; observe?: (s: SessionState, nowMs: number) => void } = {},
): DriveResult & { nowMs: number } {
  const out: DriveResult = { state: start, rounds: [], notes: [] };
  let now = nowMs;
  const maxSteps = opts.maxSteps ?? 100_000;
  for (let step = 0; step < maxSteps; step++) {
    const s = out.state;
    opts.observe?.(s, now);
    if (opts.until?.(s)) return { ...out, nowMs: now };
    if (s.participants.every((p) => p.stage === "done")) return { ...out, nowMs: now };
    const moves = botMoves(s, lt, now);
    if (moves.length > 0) {
      now += opts.stepMs ?? 100;
      for (const m of moves)
        out.state = must(out.state, lt, { kind: "action", pid: m.pid, clientActionId: m.clientActionId, action: m.action, byBot: true, at: m.at }, now, out);
      continue;
    }
    const wake = nextWakeMs(s, lt);
    if (wake === null) {
      if (opts.until) return { ...out, nowMs: now };
      throw new Error("bots got stuck: no bot can move and no deadline is pending");
    }
    now = Math.max(now, wake);
    out.state = must(out.state, lt, { kind: "tick" }, now, out);
  }
  throw new Error(`bots got stuck: still running after ${maxSteps} steps`);
}
