/**
 * Creating a session's initial state from a loaded treatment.
 */
import { seedFrom } from "../core/rng";
import { ChunkMap } from "./chunk-map";
import type { Effects, ParticipantState, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";
import { beginDraft } from "./draft";
import { formGroups } from "./rounds";

export interface NewSessionInput {
  id: string;
  /** Any text; the session's RNG (grouping, bots, draws) is derived from it. */
  seed: string;
  nowMs: number;
  /** One id per seat, in seat order (the server makes them unguessable). */
  participantIds: string[];
  /** One completion code per seat. */
  completionCodes: string[];
  /** Start as a draft: nobody can join until the experimenter opens the session. */
  draft?: boolean;
}

/** The initial state: seats created, bot seats ready in the waiting room. */
export function createSessionState(lt: LoadedTreatment, input: NewSessionInput): { state: SessionState; effects: Effects } {
  if (input.participantIds.length !== lt.seats) throw new Error(`need ${lt.seats} participant ids`);
  const participants: Record<string, ParticipantState> = {};
  input.participantIds.forEach((id, seat) => {
    const botStrategy = lt.treatment.bots.seats[seat] ?? null;
    participants[id] = {
      id,
      seat,
      label: null,
      claimed: botStrategy !== null,
      bot: botStrategy !== null,
      replacedByBot: false,
      botReason: null,
      botStrategy,
      stage: botStrategy !== null ? "waiting" : "new",
      introStep: "consent",
      connected: botStrategy !== null,
      offlineSinceMs: null,
      groupId: null,
      totalPayoff: 0,
      completionCode: input.completionCodes[seat] ?? "",
      history: [],
      recentActionIds: [],
      quizAttempts: 0,
    };
  });
  const state: SessionState = {
    id: input.id,
    version: 1,
    status: input.draft ? "draft" : "running",
    createdMs: input.nowMs,
    pausedMs: null,
    endedMs: null,
    rng: seedFrom(input.seed),
    participants: ChunkMap.fromRecord(participants),
    order: input.participantIds.slice(),
    groups: ChunkMap.empty(),
    waiting: input.participantIds.filter((id) => participants[id]!.bot),
    sessionRound: 0,
    groupSeq: 0,
  };
  const effects: Effects = { rounds: [], notes: [], computes: [] };
  const draft = beginDraft(state);
  if (!input.draft) formGroups(draft, lt, input.nowMs, effects);
  return { state: draft, effects };
}
