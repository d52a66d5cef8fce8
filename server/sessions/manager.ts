/**
 * SessionManager: creates sessions from treatments, loads live ones at boot (deadlines resume),
 * and finds the host for a participant token, a room code or a session id.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { games } from "../../lib/games/registry";
import { createSessionState, loadTreatment, type LoadedTreatment } from "../../lib/engine";
import { SessionHost, type Clock } from "./host";
import type { SessionStore } from "./store";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

function randomCode(len: number): string {
  const b = randomBytes(len);
  return Array.from(b, (x) => CODE_ALPHABET[x % CODE_ALPHABET.length]).join("");
}

export type CreateResult =
  | { ok: true; host: SessionHost }
  | { ok: false; errors: string[] };

export interface ManagerOptions {
  clock?: Clock;
  botDelayMs?: number;
  log?: (line: string) => void;
}

export class SessionManager {
  private hosts = new Map<string, SessionHost>();
  readonly clock: Clock;

  constructor(readonly store: SessionStore, private readonly opts: ManagerOptions = {}) {
    this.clock = opts.clock ?? Date.now;
  }

  private hostOpts() {
    return {
      clock: this.clock,
      ...(this.opts.botDelayMs !== undefined ? { botDelayMs: this.opts.botDelayMs } : {}),
      ...(this.opts.log ? { log: this.opts.log } : {}),
    };
  }

  /** Load every running or paused session; participants count as offline until they reconnect. */
  async boot(): Promise<number> {
    const live = await this.store.live();
    for (const row of live) {
      const host = await this.hostFromRow(row);
      if (!host) continue;
      for (const p of Object.values(host.state.participants))
        if (p.connected && !p.bot) await host.dispatch({ actorKind: "system", participantId: p.id }, { kind: "disconnect", pid: p.id });
      host.armWake();
      await host.dispatch({ actorKind: "system", participantId: null }, { kind: "tick" });
    }
    return live.length;
  }

  private async hostFromRow(row: { id: string; code: string; treatmentJson: string; stateJson: string }): Promise<SessionHost | null> {
    const lt = loadTreatment(row.treatmentJson, games);
    if (!lt.ok) {
      this.opts.log?.(`session ${row.id}: stored treatment no longer loads: ${lt.errors.join("; ")}`);
      return null;
    }
    const state = await this.store.loadState(row);
    const seq = await this.store.maxSeq(row.id);
    const host = new SessionHost(state, lt.value, row.code, seq, this.store, this.hostOpts());
    for (const o of await this.store.roundOutcomes(row.id))
      (host.roundHistory[o.groupId] ??= []).push({ round: o.round, group: JSON.parse(o.groupJson) });
    this.hosts.set(row.id, host);
    return host;
  }

  /** Validate a treatment and create a session with one unguessable link per seat and a room code. */
  async create(rawTreatment: unknown, opts: { seed?: string } = {}): Promise<CreateResult> {
    const loaded = loadTreatment(rawTreatment, games);
    if (!loaded.ok) return { ok: false, errors: loaded.errors };
    const lt: LoadedTreatment = loaded.value;
    const id = randomUUID();
    const seed = opts.seed ?? randomBytes(8).toString("hex");
    const participants = Array.from({ length: lt.seats }, (_, seat) => ({
      id: `${id.slice(0, 8)}-${seat + 1}-${randomBytes(3).toString("hex")}`,
      seat,
      token: randomBytes(18).toString("base64url"),
      completionCode: randomCode(8),
    }));
    const now = this.clock();
    const { state, effects } = createSessionState(lt, {
      id,
      seed,
      nowMs: now,
      participantIds: participants.map((p) => p.id),
      completionCodes: participants.map((p) => p.completionCode),
    });
    let code = randomCode(5);
    for (let i = 0; i < 5 && (await this.store.byCode(code)); i++) code = randomCode(5);
    await this.store.create({
      id,
      code,
      name: lt.treatment.name,
      gameId: lt.game.id,
      treatmentJson: JSON.stringify(lt.treatment),
      seed,
      state,
      participants,
      effects,
      serverTime: new Date(now),
    });
    const host = new SessionHost(state, lt, code, 1, this.store, this.hostOpts());
    this.hosts.set(id, host);
    host.armWake();
    // bots seated from the start may already have a group to play in
    await host.dispatch({ actorKind: "system", participantId: null }, { kind: "tick" });
    return { ok: true, host };
  }

  /** The host of a session (loaded from the database if it is not in memory, e.g. an ended one). */
  private loading = new Map<string, Promise<SessionHost | null>>();

  async get(id: string): Promise<SessionHost | null> {
    const h = this.hosts.get(id);
    if (h) return h;
    let p = this.loading.get(id);
    if (!p) {
      // one load per session even when many requests ask at once
      p = (async () => {
        const row = await this.store.get(id);
        return row ? this.hostFromRow(row) : null;
      })().finally(() => this.loading.delete(id));
      this.loading.set(id, p);
    }
    return p;
  }

  private tokens = new Map<string, { sessionId: string; pid: string }>();

  async byToken(token: string): Promise<{ host: SessionHost; pid: string } | null> {
    let hit = this.tokens.get(token);
    if (!hit) {
      const p = await this.store.participantByToken(token);
      if (!p) return null;
      hit = { sessionId: p.sessionId, pid: p.id };
      if (this.tokens.size > 100_000) this.tokens.clear();
      this.tokens.set(token, hit);
    }
    const host = await this.get(hit.sessionId);
    return host ? { host, pid: hit.pid } : null;
  }

  /** Room code + label → the participant's token (same label again = same seat). */
  async join(code: string, label: string) {
    const row = await this.store.byCode(code.trim().toUpperCase());
    if (!row) return { ok: false as const, error: { code: "session/not_found", message: "No session has this room code. Check the code on the board and try again." } };
    const host = await this.get(row.id);
    if (!host) return { ok: false as const, error: { code: "session/not_found", message: "This session cannot be opened." } };
    const r = await host.dispatch({ actorKind: "participant", participantId: null }, { kind: "claim", label });
    if (!r.ok) return r;
    const p = (await this.store.participants(row.id)).find((x) => x.id === r.pid);
    if (!p) return { ok: false as const, error: { code: "session/not_found", message: "Seat not found." } };
    return { ok: true as const, token: p.token };
  }

  all(): SessionHost[] {
    return [...this.hosts.values()];
  }

  async stop(): Promise<void> {
    for (const h of this.hosts.values()) {
      await h.drain();
      h.stop();
    }
    this.hosts.clear();
  }
}
