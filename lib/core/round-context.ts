/**
 * Builds a RoundContext from its plain parts, adding the helpers (seat, per-seat values, timed out,
 * last round). The engine uses it for every game call; tests use it to call a phase directly.
 */
import type { PlayerId, PlayerRoundRecord, RoundContext } from "./game";
import type { Rng } from "./rng";

export interface RoundContextParts<P> {
  params: P;
  round: number;
  players: readonly PlayerId[];
  roles: Readonly<Record<PlayerId, string>>;
  rng: Rng;
  nowMs: number;
  history: Readonly<Record<PlayerId, readonly PlayerRoundRecord[]>>;
  phase?: string;
  phaseSeq?: number;
  /** Members whose decision a phase timer filled this round. */
  timedOut?: (pid: PlayerId) => boolean;
}

const never = () => false;

/**
 * The context as an object whose helpers live on its prototype: the engine makes one for every game
 * call and every view, and helpers made as closures per context cost an allocation each (and a name
 * assignment each under tsx). Helpers are called as methods (`ctx.seatOf(pid)`), never detached.
 */
class Context<P> implements RoundContext<P> {
  readonly params: P;
  readonly round: number;
  readonly players: readonly PlayerId[];
  readonly roles: Readonly<Record<PlayerId, string>>;
  readonly rng: Rng;
  readonly nowMs: number;
  readonly history: Readonly<Record<PlayerId, readonly PlayerRoundRecord[]>>;
  readonly phase: string;
  readonly phaseSeq: number;
  readonly timedOut: (pid: PlayerId) => boolean;

  constructor(parts: RoundContextParts<P>) {
    this.params = parts.params;
    this.round = parts.round;
    this.players = parts.players;
    this.roles = parts.roles;
    this.rng = parts.rng;
    this.nowMs = parts.nowMs;
    this.history = parts.history;
    this.phase = parts.phase ?? "";
    this.phaseSeq = parts.phaseSeq ?? 0;
    this.timedOut = parts.timedOut ?? never;
  }
  seatOf(pid: PlayerId): number {
    return this.players.indexOf(pid);
  }
  perSeat<T>(f: (pid: PlayerId, seat: number) => T): T[] {
    return this.players.map((pid, i) => f(pid, i));
  }
  byPlayer<T>(f: (pid: PlayerId, seat: number) => T): Record<PlayerId, T> {
    return Object.fromEntries(this.players.map((pid, i) => [pid, f(pid, i)]));
  }
  lastRound(pid: PlayerId): PlayerRoundRecord | null {
    return this.history[pid]?.at(-1) ?? null;
  }
  lastNumber(pid: PlayerId, record: "decision" | "outcome", key: string): number | null {
    const v = this.history[pid]?.at(-1)?.[record][key];
    return typeof v === "number" ? v : null;
  }
}

export function roundContext<P>(parts: RoundContextParts<P>): RoundContext<P> {
  return new Context(parts);
}
