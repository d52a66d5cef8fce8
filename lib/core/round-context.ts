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

export function roundContext<P>(parts: RoundContextParts<P>): RoundContext<P> {
  const { players, history } = parts;
  const timedOut = parts.timedOut ?? (() => false);
  return {
    params: parts.params,
    round: parts.round,
    players,
    roles: parts.roles,
    rng: parts.rng,
    nowMs: parts.nowMs,
    history,
    phase: parts.phase ?? "",
    phaseSeq: parts.phaseSeq ?? 0,
    timedOut,
    seatOf: (pid) => players.indexOf(pid),
    perSeat: (f) => players.map((pid, i) => f(pid, i)),
    byPlayer: (f) => Object.fromEntries(players.map((pid, i) => [pid, f(pid, i)])),
    lastRound: (pid) => history[pid]?.at(-1) ?? null,
    lastNumber: (pid, record, key) => {
      const v = history[pid]?.at(-1)?.[record][key];
      return typeof v === "number" ? v : null;
    },
  };
}
