/**
 * Builds a game's RoundContext for a group and writes the RNG state back after each call.
 * The context also carries what games would otherwise re-derive: the current phase (and its
 * instance), who timed out this round, seats, and each member's last round.
 */
import type { PlayerId, PlayerRoundRecord, RoundContext } from "../core/game";
import { makeRng, type LegacyRngState, type Rng, type RngState } from "../core/rng";
import { roundContext } from "../core/round-context";
import type { GroupState, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

function buildContext(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number, rng: Rng): RoundContext<unknown> {
  const history: Record<PlayerId, readonly PlayerRoundRecord[]> = {};
  for (const m of g.members) history[m] = s.participants.get(m)?.history ?? [];
  return roundContext<unknown>({
    params: lt.params,
    round: g.round,
    players: g.members,
    roles: g.roles,
    rng,
    nowMs,
    history,
    phase: g.phase,
    phaseSeq: g.phaseSeq,
    // a default filled the decision: the timer ran out, or the experimenter ended the phase (endedBy)
    timedOut: (pid) => g.roundStats[pid]?.timedOut === true || (g.roundStats[pid]?.endedBy ?? null) !== null,
  });
}

/** Run `fn` with the group's context; the group's RNG advances by what `fn` drew. */
export function withContext<T>(
  s: SessionState,
  g: GroupState,
  lt: LoadedTreatment,
  nowMs: number,
  fn: (ctx: RoundContext<unknown>) => T,
): T {
  const rng = makeRng(g.rng);
  const out = fn(buildContext(s, g, lt, nowMs, rng));
  g.rng = rng.state();
  return out;
}

/**
 * The group's generator, made on the first draw: views, monitors and `pending` checks build a context for
 * every participant's view and hardly ever draw, so most contexts never pay for a generator.
 */
class LazyRng implements Rng {
  private rng: Rng | null = null;
  constructor(private readonly st: RngState | LegacyRngState) {}
  private get gen(): Rng {
    return (this.rng ??= makeRng(this.st));
  }
  next(): number {
    return this.gen.next();
  }
  int(n: number): number {
    return this.gen.int(n);
  }
  state(): RngState {
    return this.gen.state();
  }
}

/** A read-only context (for views and monitors): the RNG is not advanced. */
export function viewContext(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number): RoundContext<unknown> {
  return buildContext(s, g, lt, nowMs, new LazyRng(g.rng));
}

/** True when the seat is played by a bot now. */
export function isBotSeat(s: SessionState, pid: string): boolean {
  const p = s.participants.get(pid);
  return !!p && (p.bot || p.replacedByBot);
}
