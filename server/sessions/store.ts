/**
 * Prisma-backed persistence for sessions: snapshots, the append-only event log, round outcomes.
 * No business rules here: the engine (lib/engine) decides, this file writes.
 */
import { makePrisma, type Db } from "../db/client";
import { assembleState, changedParts, partsStored, topChanged, topJson, type SnapshotPartRow } from "./snapshot";
import { makeWriter, StaleWriteError, type SqlStatement, type SqlValue, type SqlWriter } from "../db/writer";

/** The Setting row holding the last heartbeat of the (single) server process. */
const ALIVE_KEY = "server.aliveAtMs";
import type { Effects, ParticipantState, RoundRow, SessionState } from "../../lib/engine";
import type { ViewMessage } from "../../lib/protocol/events";
import { createHash } from "node:crypto";

export interface EventInput {
  actorKind: "participant" | "bot" | "admin" | "system" | "timeout";
  participantId: string | null;
  command: string;
  /** The payload as stored (bounded: see server/sessions/event-budget.ts). */
  payloadJson: string;
  clientActionId: string | null;
  accepted: boolean;
  errorCode?: string;
  errorMessage?: string;
}

/** One row of the PlayerRound table. */
export type PlayerRoundRow = Awaited<ReturnType<Db["playerRound"]["findMany"]>>[number];

/** One row of the RoundOutcome table. */
export type RoundOutcomeRow = Awaited<ReturnType<Db["roundOutcome"]["findMany"]>>[number];

/** One event of a batch, with its place in the session's log. */
export interface LoggedEvent {
  event: EventInput;
  seq: number;
  serverTime: Date;
  versionAfter: number;
}

/** What one batch of a session's commands writes (SessionStore.write). */
export interface WriteBatch {
  sessionId: string;
  /** The state as last stored (null with `state` null). */
  persisted: SessionState | null;
  /** The state to store (null: the batch only appends events). */
  state: SessionState | null;
  rounds: RoundRow[];
  events: LoggedEvent[];
  serverTime: Date;
}

/** Rows per multi-row INSERT (a few statement shapes, well under the databases' parameter limits). */
const ROWS_PER_INSERT = 32;

/** Multi-row INSERTs of `rows` into `into` ("Table" (columns)), `ROWS_PER_INSERT` rows per statement. */
function insertRows(into: string, rows: SqlValue[][], suffix = ""): SqlStatement[] {
  const out: SqlStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const tuple = `(${chunk[0]!.map(() => "?").join(", ")})`;
    out.push({ sql: `INSERT INTO ${into} VALUES ${chunk.map(() => tuple).join(", ")}${suffix}`, args: chunk.flat() });
  }
  return out;
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

/** What a link token can look like (base64url, as made in server/sessions/manager.ts; up to 100 characters). */
const LINK_TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

/** Setting keys of the kept links of people who gave their seat back (`SessionStore.keepFormerLink`): a hash of the link. */
const FORMER_LINK = "formerLink:";
const formerLinkKey = (token: string) => FORMER_LINK + createHash("sha256").update(token).digest("base64url");
/** How a kept link's stored value starts (its session first), so deleting a session deletes its kept links. */
const formerLinkPrefix = (sessionId: string) => `{"sessionId":${JSON.stringify(sessionId)},`;

/**
 * A link whose seat went to the next person after its person waited out the waiting room: the session and seat,
 * which holder of the seat the person was, who they were (a join from their browser finds its way back), and the
 * final page their link shows from now on.
 */
export interface FormerLink {
  sessionId: string;
  pid: string;
  holder: number;
  label: string | null;
  external: { source: string; id: string } | null;
  view: ViewMessage;
}
/** What a stored room code can look like (upper-case letters and digits: server/security/room-code.ts). */
const ROOM_CODE = /^[A-Z0-9]{1,40}$/;

export class SessionStore {
  /**
   * Several processes on one database (server/cluster): the lease check that must pass first in every
   * write of a session's commands, in the same transaction (null: this process is the only writer).
   */
  fence: ((sessionId: string) => SqlStatement) | null = null;

  constructor(
    readonly db: Db,
    private readonly writer: SqlWriter,
  ) {}

  /** Open the Prisma client and the writer for `url` (migrations must already be applied). */
  static async open(url: string): Promise<SessionStore> {
    const [db, writer] = await Promise.all([makePrisma(url), makeWriter(url)]);
    return new SessionStore(db, writer);
  }

  /** Transactions the writer committed and the write requests they held (group commit). */
  get writeStats(): { transactions: number; requests: number } {
    return { ...this.writer.stats };
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.db.$disconnect();
  }

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
    const parts = changedParts(null, input.state);
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
          stateJson: topJson(input.state),
        },
      });
      await tx.snapshotPart.createMany({ data: parts.map((p) => ({ ...p, sessionId: input.id })) });
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
    partsStored(input.state, parts);
  }

  /**
   * Persist an accepted command atomically: the new snapshot (only if the stored version is the one
   * we started from), its event and any completed rounds.
   */
  async commit(sessionId: string, persisted: SessionState, state: SessionState, effects: Effects, event: EventInput, seq: number, serverTime: Date): Promise<void> {
    await this.write({ sessionId, persisted, state, rounds: effects.rounds, events: [{ event, seq, serverTime, versionAfter: state.version }], serverTime });
  }

  /** Log a command that changed nothing (rejected, or a duplicate submit), or a presence change. */
  async logOnly(sessionId: string, event: EventInput, seq: number, serverTime: Date, version: number): Promise<void> {
    await this.write({ sessionId, persisted: null, state: null, rounds: [], events: [{ event, seq, serverTime, versionAfter: version }], serverTime });
  }

  /**
   * Write one batch of a session's commands atomically (server/sessions/host.ts): the new snapshot (only
   * if the stored version is the one the batch started from; only the parts that changed), every event
   * and the completed rounds. Raw SQL on the writer's connection (server/db/writer.ts), which shares one
   * transaction among the batches of all sessions made in the same turn of the event loop.
   */
  async write(b: WriteBatch): Promise<void> {
    const { sessionId, persisted, state, serverTime } = b;
    const stmts: SqlStatement[] = [...this.fenced(sessionId)];
    let parts: SnapshotPartRow[] = [];
    if (state && persisted) {
      // the top-level JSON only when a field other than the version changed (snapshot.ts `topChanged`)
      stmts.push(
        topChanged(persisted, state)
          ? {
              sql: `UPDATE "Session" SET "stateJson" = ?, "version" = ?, "status" = ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
              args: [topJson(state), state.version, state.status, serverTime, sessionId, persisted.version],
              expectRows: 1,
            }
          : { sql: `UPDATE "Session" SET "version" = ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`, args: [state.version, serverTime, sessionId, persisted.version], expectRows: 1 },
      );
      stmts.push(
        ...insertRows(
          `"SnapshotPart" ("sessionId", "kind", "key", "json")`,
          (parts = changedParts(persisted, state)).map((p) => [sessionId, p.kind, p.key, p.json]),
          ` ON CONFLICT ("sessionId", "kind", "key") DO UPDATE SET "json" = excluded."json"`,
        ),
      );
    }
    stmts.push(
      ...insertRows(
        `"ActionEvent" ("sessionId", "seq", "serverTime", "actorKind", "participantId", "command", "payloadJson", "clientActionId", "accepted", "errorCode", "errorMessage", "versionAfter")`,
        b.events.map(({ event: e, seq, serverTime: t, versionAfter }) => [sessionId, seq, t, e.actorKind, e.participantId, e.command, e.payloadJson, e.clientActionId, e.accepted, e.errorCode ?? null, e.errorMessage ?? null, versionAfter]),
      ),
      ...insertRows(
        `"RoundOutcome" ("sessionId", "groupId", "round", "mechanismId", "mechanismVer", "inputJson", "outputJson", "groupJson", "seedJson", "createdAt")`,
        b.rounds.map((r) => [sessionId, r.groupId, r.round, r.mechanism.id, r.mechanism.version, JSON.stringify(r.mechanism.input), JSON.stringify(r.mechanism.output), JSON.stringify(r.group), JSON.stringify(r.seed), serverTime]),
      ),
      ...insertRows(
        `"PlayerRound" ("sessionId", "groupId", "round", "participantId", "seat", "label", "role", "decisionJson", "outcomeJson", "payoff", "decisionMs", "timedOut", "isBot", "endedBy", "botReason", "botStrategy", "createdAt")`,
        b.rounds.flatMap((r) =>
          r.players.map((p) => [
            sessionId, r.groupId, r.round, p.participantId, p.seat, p.label, p.record.role,
            JSON.stringify(p.record.decision), JSON.stringify(p.record.outcome), p.record.payoff,
            p.record.decisionMs === null ? null : Math.round(p.record.decisionMs), p.record.timedOut, p.record.isBot,
            p.how.endedBy, p.how.botReason, p.how.botStrategy, serverTime,
          ]),
        ),
      ),
    );
    try {
      await this.writer.transaction(stmts);
      if (state) partsStored(state, parts);
    } catch (e) {
      if (e instanceof StaleWriteError && persisted) throw new Error(`session ${sessionId} was changed elsewhere (expected version ${persisted.version}): ${e.message}`);
      throw e;
    }
  }

  private fenced(sessionId: string): SqlStatement[] {
    return this.fence ? [this.fence(sessionId)] : [];
  }

  /** The stored state of a session (top-level JSON plus its parts, at the row's version). */
  async loadState(row: { id: string; stateJson: string; version: number }): Promise<SessionState> {
    const parts = await this.db.snapshotPart.findMany({ where: { sessionId: row.id } });
    return assembleState(row.stateJson, parts, row.version);
  }

  async maxSeq(sessionId: string): Promise<number> {
    const r = await this.db.actionEvent.aggregate({ where: { sessionId }, _max: { seq: true } });
    return r._max.seq ?? 0;
  }

  /** Running or paused sessions, only those changed since `since` when given. */
  async live(since?: Date): Promise<StoredSession[]> {
    return this.db.session.findMany({ where: { status: { in: ["running", "paused"] }, ...(since ? { updatedAt: { gte: since } } : {}) } });
  }

  async get(id: string): Promise<StoredSession | null> {
    return this.db.session.findUnique({ where: { id } });
  }

  async setArchived(id: string, archived: boolean): Promise<void> {
    await this.db.session.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
  }

  /** Delete a session and everything stored for it (participants, events, rounds, snapshot). */
  async deleteSession(id: string): Promise<void> {
    await this.db.$transaction([
      this.db.snapshotPart.deleteMany({ where: { sessionId: id } }),
      this.db.setting.deleteMany({ where: { key: { startsWith: FORMER_LINK }, value: { startsWith: formerLinkPrefix(id) } } }),
      this.db.session.delete({ where: { id } }),
    ]);
  }

  /**
   * Keep a link whose seat was given to the next person (a person who waited out the waiting room: lib/engine/free-seat.ts
   * `waitedOutSeat`), with the final page it showed: the person's page keeps working by its old link (reloaded, or
   * opened again later), while the seat has a new link. Stored under a hash of the link, not the link.
   */
  async keepFormerLink(token: string, link: FormerLink): Promise<void> {
    const { sessionId, ...rest } = link;
    await this.writer.transaction([
      { sql: `INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`, args: [formerLinkKey(token), JSON.stringify({ sessionId, ...rest })] },
    ]);
  }

  /** The kept link of a person who gave their seat back (`keepFormerLink`), or null. */
  async formerLink(token: string): Promise<FormerLink | null> {
    if (!LINK_TOKEN.test(token)) return null;
    // plain SQL on the writer's connection, like `participantByToken`: every link that opens no seat is looked up here too
    const row = await this.writer.queryOne(`SELECT "value" FROM "Setting" WHERE "key" = ?`, [formerLinkKey(token)]);
    if (!row) return null;
    const raw = String(row.value);
    try {
      return JSON.parse(raw) as FormerLink;
    } catch {
      return null;
    }
  }

  async list(): Promise<(Omit<StoredSession, "stateJson" | "treatmentJson"> & { archivedAt: Date | null })[]> {
    return this.db.session.findMany({
      select: { id: true, code: true, name: true, gameId: true, seed: true, status: true, version: true, createdAt: true, archivedAt: true },
      orderBy: { createdAt: "desc" },
    });
  }

  /** Sessions of `gameId` named `name`, newest first (at most 50): the launch check's same-name warning. */
  async sameName(name: string, gameId: string): Promise<{ code: string; createdAt: Date; treatmentJson: string }[]> {
    return this.db.session.findMany({ where: { name, gameId }, select: { code: true, createdAt: true, treatmentJson: true }, orderBy: { createdAt: "desc" }, take: 50 });
  }

  /** The session with this room code (plain SQL: every join and every join page asks). */
  async byCode(code: string): Promise<{ id: string } | null> {
    // anything else is no room, and never reaches the database (PostgreSQL refuses a NUL byte with an error)
    if (!ROOM_CODE.test(code)) return null;
    const row = await this.writer.queryOne(`SELECT "id" FROM "Session" WHERE "code" = ?`, [code]);
    return row ? { id: String(row.id) } : null;
  }

  /** A seat's link token (plain SQL: a join that took a seat answers with it), or null. */
  async tokenOf(sessionId: string, participantId: string): Promise<string | null> {
    const row = await this.writer.queryOne(`SELECT "token" FROM "Participant" WHERE "id" = ? AND "sessionId" = ?`, [participantId, sessionId]);
    return row ? String(row.token) : null;
  }

  /** The seat a link token opens (plain SQL on the writer's connection: every connection asks). */
  async participantByToken(token: string): Promise<{ id: string; sessionId: string } | null> {
    // links are base64url (server/sessions/manager.ts): anything else opens nothing and never reaches the
    // database (PostgreSQL refuses a NUL byte with an error, which must not travel back to the browser)
    if (!LINK_TOKEN.test(token)) return null;
    const row = await this.writer.queryOne(`SELECT "id", "sessionId" FROM "Participant" WHERE "token" = ?`, [token]);
    return row ? { id: String(row.id), sessionId: String(row.sessionId) } : null;
  }

  async participants(sessionId: string) {
    return this.db.participant.findMany({ where: { sessionId }, orderBy: { seat: "asc" } });
  }

  /** Which of these completion codes some seat already has. */
  async existingCompletionCodes(codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.participant.findMany({ where: { completionCode: { in: codes } }, select: { completionCode: true } });
    return rows.map((r) => r.completionCode);
  }

  /** Record a seat's new completion code (a freed seat's next person gets one of their own). */
  async setCompletionCode(sessionId: string, participantId: string, completionCode: string): Promise<void> {
    await this.db.participant.updateMany({ where: { id: participantId, sessionId }, data: { completionCode } });
  }

  /** Give a seat a new personal link; the old one stops working. */
  async setToken(sessionId: string, participantId: string, token: string): Promise<boolean> {
    const r = await this.db.participant.updateMany({ where: { id: participantId, sessionId }, data: { token } });
    return r.count === 1;
  }

  async playerRounds(sessionId: string) {
    return this.db.playerRound.findMany({ where: { sessionId }, orderBy: [{ round: "asc" }, { groupId: "asc" }, { seat: "asc" }] });
  }

  /**
   * A session's PlayerRound rows in pages of `size`, by round (then as written). Keyset pagination as
   * two index range reads — the rest of the last page's round, then the next rounds — so every page
   * costs the same however far into the session it is (an OR in one query makes SQLite walk the index
   * from the start).
   */
  playerRoundPages(sessionId: string, size: number) {
    return this.keysetPages(size, (last, take) =>
      last === null
        ? this.db.playerRound.findMany({ where: { sessionId }, orderBy: [{ round: "asc" }, { id: "asc" }], take })
        : this.nextPage(
            () => this.db.playerRound.findMany({ where: { sessionId, round: last.round, id: { gt: last.id } }, orderBy: { id: "asc" }, take }),
            (n) => this.db.playerRound.findMany({ where: { sessionId, round: { gt: last.round } }, orderBy: [{ round: "asc" }, { id: "asc" }], take: n }),
            take,
          ),
    );
  }

  /** Same rows, one participant's rounds after another (participant id, then round). */
  playerRoundPagesByParticipant(sessionId: string, size: number) {
    return this.keysetPages(size, (last, take) =>
      last === null
        ? this.db.playerRound.findMany({ where: { sessionId }, orderBy: [{ participantId: "asc" }, { round: "asc" }], take })
        : this.nextPage(
            () => this.db.playerRound.findMany({ where: { sessionId, participantId: last.participantId, round: { gt: last.round } }, orderBy: { round: "asc" }, take }),
            (n) => this.db.playerRound.findMany({ where: { sessionId, participantId: { gt: last.participantId } }, orderBy: [{ participantId: "asc" }, { round: "asc" }], take: n }),
            take,
          ),
    );
  }

  private async nextPage(rest: () => Promise<PlayerRoundRow[]>, after: (n: number) => Promise<PlayerRoundRow[]>, take: number): Promise<PlayerRoundRow[]> {
    const a = await rest();
    return a.length >= take ? a : [...a, ...(await after(take - a.length))];
  }

  private async *keysetPages(size: number, read: (last: PlayerRoundRow | null, take: number) => Promise<PlayerRoundRow[]>) {
    let last: PlayerRoundRow | null = null;
    for (;;) {
      const page = await read(last, size);
      if (page.length === 0) return;
      yield page;
      last = page[page.length - 1]!;
      if (page.length < size) return;
    }
  }

  /** The RoundOutcome rows of some (group, round) pairs of a session, by "group#round". */
  async roundOutcomesFor(sessionId: string, keys: readonly { groupId: string; round: number }[]) {
    const rounds = [...new Set(keys.map((k) => k.round))];
    const groups = [...new Set(keys.map((k) => k.groupId))];
    const out = new Map<string, RoundOutcomeRow>();
    // a page may span thousands of groups: ask in slices of 200 that stay under the databases' parameter limits
    for (let i = 0; i < groups.length && rounds.length > 0; i += 200) {
      const rows = await this.db.roundOutcome.findMany({ where: { sessionId, round: { in: rounds }, groupId: { in: groups.slice(i, i + 200) } } });
      for (const o of rows) out.set(`${o.groupId}#${o.round}`, o);
    }
    return out;
  }

  /** A session's seats from its snapshot, one page at a time (without their round history). */
  async *participantParts(sessionId: string) {
    let after = "";
    for (;;) {
      const page = await this.db.snapshotPart.findMany({ where: { sessionId, kind: "p", key: { gt: after } }, orderBy: { key: "asc" }, take: 200 });
      for (const part of page) {
        const p = JSON.parse(part.json) as ParticipantState;
        yield {
          id: p.id,
          seat: p.seat,
          label: p.label,
          external: p.external ?? null,
          quizAttempts: p.quizAttempts,
          stage: p.stage,
          bot: p.bot,
          claimed: p.claimed,
          ...(p.survey ? { survey: p.survey } : {}),
          ...(p.surveyStartedMs !== undefined ? { surveyStartedMs: p.surveyStartedMs } : {}),
          ...(p.leftBeforePlay !== undefined ? { leftBeforePlay: p.leftBeforePlay } : {}),
          ...(p.waitedOut === true ? { waitedOut: true } : {}),
          ...(p.timesFreed ? { timesFreed: p.timesFreed } : {}),
        };
      }
      if (page.length < 200) return;
      after = page[page.length - 1]!.key;
    }
  }

  /**
   * Ids of the sessions run with a treatment of this name (newest first), of one game when `gameId` is given
   * (two treatments of different games may share a name; their rows do not belong in one file): the study
   * export's "Every session of one treatment". Archived sessions (e.g. a pilot the experimenter hid) and
   * drafts (never opened: nobody could join) are left out; an explicit list of session ids still exports them.
   */
  async sessionsOfTreatment(name: string, gameId?: string): Promise<string[]> {
    const rows = await this.db.session.findMany({
      where: { name, ...(gameId ? { gameId } : {}), archivedAt: null, status: { not: "draft" } },
      select: { id: true },
      orderBy: { createdAt: "desc" },
    });
    return rows.map((r) => r.id);
  }

  async roundOutcomes(sessionId: string) {
    return this.db.roundOutcome.findMany({ where: { sessionId }, orderBy: [{ round: "asc" }, { groupId: "asc" }] });
  }

  async events(sessionId: string) {
    return this.db.actionEvent.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });
  }

  /**
   * The server is alive at `ms` (a heartbeat, server/sessions/manager.ts): a restart after a crash reads it
   * to stop the sessions' clocks for the outage. On the writer's connection, like the commands.
   */
  async markAlive(ms: number): Promise<void> {
    await this.writer.transaction([{ sql: `INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`, args: [ALIVE_KEY, String(ms)] }]);
  }

  /** When the server was last known alive (ms), or null (a database no server ran on yet). */
  async lastAlive(): Promise<number | null> {
    const v = Number(await this.getSetting(ALIVE_KEY));
    return Number.isFinite(v) && v > 0 ? v : null;
  }

  async getSetting(key: string): Promise<string | null> {
    return (await this.db.setting.findUnique({ where: { key } }))?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }

  /**
   * The stored value of `key`, or `make()` stored under it when there is none yet. Processes starting together
   * agree: the first insert wins and every one reads the value stored.
   */
  async settingOnce(key: string, make: () => string): Promise<string> {
    const stored = await this.getSetting(key);
    if (stored !== null) return stored;
    await this.writer.transaction([{ sql: `INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`, args: [key, make()] }]);
    const value = await this.getSetting(key);
    if (value === null) throw new Error(`the setting ${key} could not be stored`);
    return value;
  }
}
