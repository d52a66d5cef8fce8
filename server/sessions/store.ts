/**
 * Prisma-backed persistence for sessions: snapshots, the append-only event log, round outcomes.
 * No business rules here: the engine (lib/engine) decides, this file writes.
 */
import type { Db } from "../db/client";
import type { Effects, SessionState } from "../../lib/engine";

export interface EventInput {
  actorKind: "participant" | "bot" | "admin" | "system" | "timeout";
  participantId: string | null;
  command: string;
  payload: unknown;
  clientActionId: string | null;
  accepted: boolean;
  errorCode?: string;
  errorMessage?: string;
}

export interface StoredSession {
  id: string;
  code: string;
  name: string;
  gameId: string;
  treatmentJson: string;
  seed: string;
  status: string;
  version: number;
  stateJson: string;
  createdAt: Date;
}

export class SessionStore {
  constructor(
    readonly db: Db,
    private readonly sqlite = true,
  ) {}

  async create(input: {
    id: string;
    code: string;
    name: string;
    gameId: string;
    treatmentJson: string;
    seed: string;
    state: SessionState;
    participants: { id: string; seat: number; token: string; completionCode: string }[];
    effects: Effects;
    serverTime: Date;
  }): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.session.create({
        data: {
          id: input.id,
          code: input.code,
          name: input.name,
          gameId: input.gameId,
          treatmentJson: input.treatmentJson,
          seed: input.seed,
          status: input.state.status,
          version: input.state.version,
          stateJson: JSON.stringify(input.state),
        },
      });
      await tx.participant.createMany({ data: input.participants.map((p) => ({ ...p, sessionId: input.id })) });
      await tx.actionEvent.create({
        data: {
          sessionId: input.id,
          seq: 1,
          serverTime: input.serverTime,
          actorKind: "admin",
          participantId: null,
          command: "create",
          payloadJson: input.treatmentJson,
          clientActionId: null,
          accepted: true,
          versionAfter: input.state.version,
        },
      });
    });
  }

  /**
   * Persist an accepted command atomically: the new snapshot (only if the stored version is the one
   * we started from), its event and any completed rounds.
   */
  async commit(sessionId: string, prevVersion: number, state: SessionState, effects: Effects, event: EventInput, seq: number, serverTime: Date): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const upd = await tx.session.updateMany({
        where: { id: sessionId, version: prevVersion },
        data: { stateJson: JSON.stringify(state), version: state.version, status: state.status },
      });
      if (upd.count !== 1) throw new Error(`session ${sessionId} was changed elsewhere (expected version ${prevVersion})`);
      await tx.actionEvent.create({ data: this.eventRow(sessionId, event, seq, serverTime, state.version) });
      for (const r of effects.rounds) {
        await tx.roundOutcome.create({
          data: {
            sessionId,
            groupId: r.groupId,
            round: r.round,
            mechanismId: r.mechanism.id,
            mechanismVer: r.mechanism.version,
            inputJson: JSON.stringify(r.mechanism.input),
            outputJson: JSON.stringify(r.mechanism.output),
            groupJson: JSON.stringify(r.group),
            seedJson: JSON.stringify(r.seed),
          },
        });
        await tx.playerRound.createMany({
          data: r.players.map((p) => ({
            sessionId,
            groupId: r.groupId,
            round: r.round,
            participantId: p.participantId,
            seat: p.seat,
            label: p.label,
            role: p.record.role,
            decisionJson: JSON.stringify(p.record.decision),
            outcomeJson: JSON.stringify(p.record.outcome),
            payoff: p.record.payoff,
            decisionMs: p.record.decisionMs === null ? null : Math.round(p.record.decisionMs),
            timedOut: p.record.timedOut,
            isBot: p.record.isBot,
          })),
        });
      }
    });
  }

  /** Log a command that changed nothing (rejected, or a duplicate submit). */
  async logOnly(sessionId: string, event: EventInput, seq: number, serverTime: Date, version: number): Promise<void> {
    await this.db.actionEvent.create({ data: this.eventRow(sessionId, event, seq, serverTime, version) });
  }

  private eventRow(sessionId: string, e: EventInput, seq: number, serverTime: Date, versionAfter: number) {
    return {
      sessionId,
      seq,
      serverTime,
      actorKind: e.actorKind,
      participantId: e.participantId,
      command: e.command,
      payloadJson: JSON.stringify(e.payload ?? null),
      clientActionId: e.clientActionId,
      accepted: e.accepted,
      errorCode: e.errorCode ?? null,
      errorMessage: e.errorMessage ?? null,
      versionAfter,
    };
  }

  async maxSeq(sessionId: string): Promise<number> {
    const r = await this.db.actionEvent.aggregate({ where: { sessionId }, _max: { seq: true } });
    return r._max.seq ?? 0;
  }

  async live(): Promise<StoredSession[]> {
    return this.db.session.findMany({ where: { status: { in: ["running", "paused"] } } });
  }

  async get(id: string): Promise<StoredSession | null> {
    return this.db.session.findUnique({ where: { id } });
  }

  async list(): Promise<Omit<StoredSession, "stateJson" | "treatmentJson">[]> {
    return this.db.session.findMany({
      select: { id: true, code: true, name: true, gameId: true, seed: true, status: true, version: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    });
  }

  async byCode(code: string) {
    return this.db.session.findUnique({ where: { code }, select: { id: true } });
  }

  async participantByToken(token: string) {
    return this.db.participant.findUnique({ where: { token } });
  }

  async participants(sessionId: string) {
    return this.db.participant.findMany({ where: { sessionId }, orderBy: { seat: "asc" } });
  }

  async playerRounds(sessionId: string) {
    return this.db.playerRound.findMany({ where: { sessionId }, orderBy: [{ round: "asc" }, { groupId: "asc" }, { seat: "asc" }] });
  }

  async roundOutcomes(sessionId: string) {
    return this.db.roundOutcome.findMany({ where: { sessionId }, orderBy: [{ round: "asc" }, { groupId: "asc" }] });
  }

  async events(sessionId: string) {
    return this.db.actionEvent.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });
  }

  async getSetting(key: string): Promise<string | null> {
    return (await this.db.setting.findUnique({ where: { key } }))?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}
