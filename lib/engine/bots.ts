/**
 * Which bot seats must act now, and what they do. Bots see only their own view (plus the treatment's
 * parameters), exactly like a human's browser would.
 */
import { own } from "../core/own";
import { deriveState, makeRng } from "../core/rng";
import { SERVER_ACTION_ID_PREFIX, type PhaseInstance } from "./commands";
import { isBotSeat, viewContext } from "./context";
import { pendingIn } from "./rounds";
import type { SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

export interface BotMove {
  pid: string;
  strategy: string;
  action: unknown;
  clientActionId: string;
  /** The phase instance the bot looked at (bots answer it like a browser would). */
  at: PhaseInstance;
}

/**
 * The moves every pending bot seat wants to make now (deterministic given the state); only in the
 * groups `groupIds` when given (the server asks about the groups a command changed).
 */
export function botMoves(s: SessionState, lt: LoadedTreatment, nowMs: number, groupIds?: Iterable<string>): BotMove[] {
  if (s.status !== "running") return [];
  const moves: BotMove[] = [];
  const groups = groupIds ? [...groupIds].flatMap((id) => (s.groups.has(id) ? [s.groups.get(id)!] : [])) : s.groups.toArray();
  for (const g of groups) {
    if (g.status !== "playing") continue;
    // one read-only context per group: its pending members and every bot's view (views never draw)
    const ctx = viewContext(s, g, lt, nowMs);
    for (const pid of pendingIn(g, lt, ctx)) {
      if (!isBotSeat(s, pid)) continue;
      const p = s.participants.get(pid)!;
      const strategy = p.botStrategy ?? lt.game.defaultBot;
      const bot = own(lt.game.bots, strategy);
      if (!bot) continue;
      const view = lt.game.view(g.game, { kind: "player", playerId: pid }, ctx);
      // A bot's randomness is derived from the group's RNG state, its seat and the phase: replayable.
      const rng = makeRng(deriveState(g.rng, "bot", p.seat, g.phaseSeq));
      const action = bot.act(view, { rng, params: lt.params, playerId: pid, round: g.round, phase: g.phase, history: p.history });
      if (action !== null)
        moves.push({
          pid,
          strategy,
          action,
          clientActionId: `${SERVER_ACTION_ID_PREFIX}${g.id}:${g.phaseSeq}:${pid}:${g.actionCount?.[pid] ?? 0}`,
          at: { round: g.round, phase: g.phase, phaseSeq: g.phaseSeq },
        });
    }
  }
  return moves;
}
