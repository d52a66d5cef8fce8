/**
 * SessionManager: creates sessions from treatments, loads live ones at boot (deadlines resume),
 * and finds the host for a participant token, a room code or a session id.
 */
import type { Locale } from "../../lib/i18n/locales";
import { worded, type Wording } from "../../lib/i18n/refusal";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { games } from "../../lib/games/registry";
import { createSessionState, loadTreatment, participantTitleOf, type LoadedTreatment, type SessionState } from "../../lib/engine";
import { normalizeRoomCode, randomRoomCode } from "../security/room-code";
import { SessionHost, type Clock, type DispatchResult, type HostOptions } from "./host";
import { DEFAULT_IDLE_POLICY, type IdlePolicy } from "./idle";
import type { SessionStore } from "./store";
import type { SolverPool } from "../solver/pool";
import { warmInPool } from "../solver/warm";
import { poolComputeRunner } from "../solver/compute";
import { labelsAlike, panelKey, seatForClaim, seatOfPanelId } from "../../lib/engine/claim";
import type { Command } from "../../lib/engine/commands";
import { freeSeatProblem, personInIntro, unusedClaim, waitedOutSeat } from "../../lib/engine/free-seat";
import { participantMessage } from "./router";
import type { FormerLink } from "./store";
import { panelIdFromQuery } from "../../lib/study/panel";
import type { ServerJoin } from "../../lib/protocol/payloads";

/** The setting holding the key of the address tags (`SessionManager.fromTag`). */
export const ADDRESS_TAG_KEY = "addressTagKey";

/** How often a single server process writes that it is alive (the precision of the outage a restart stops the clocks for). */
export const ALIVE_EVERY_MS = 2_000;

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

function randomCode(len: number): string {
  const b = randomBytes(len);
  return Array.from(b, (x) => CODE_ALPHABET[x % CODE_ALPHABET.length]).join("");
}

/**
 * A join's answer. `unchanged` (the server's, never sent to the client): the join changed nothing, the sender's
 * own seat answered with the link it already has (a stored link coming back, a panel link's same panel session),
 * so it does not count against the room's join allowance (server/http/api.ts `join`).
 */
export type JoinResult = { ok: true; token: string; unchanged?: true } | { ok: false; error: { code: string; message: string; wording?: Wording } };
/** A refused join: the English sentence and its wording (the join page shows it in the room's language). */
const joinError = (code: string, text: { message: string; wording: Wording }): JoinResult => ({ ok: false, error: { code, ...text } });

export type CreateResult =
  | { ok: true; host: SessionHost }
  | { ok: false; errors: string[] };

export interface ManagerOptions {
  clock?: Clock;
  /** Worker threads for the treatments' solves (server/solver); without it they run on the event loop. */
  solver?: SolverPool;
  /**
   * The worker for the launch check's figures (server/http/figure-routes.ts), apart from `solver` so that a
   * figure slow to draw never holds up a session's solves, and how long a figure may take.
   */
  figures?: { pool: SolverPool; timeoutMs: number };
  botDelayMs?: number;
  /** How long steps run on the main thread (HostOptions.inlineCompute; tests replace it). */
  inlineCompute?: HostOptions["inlineCompute"];
  log?: (line: string) => void;
  /** When sessions are unloaded from memory and which are loaded at start (server/sessions/idle.ts). */
  idle?: IdlePolicy;
  /**
   * Several processes on one database (server/cluster): take the session's lease before it is loaded or
   * created here; false when another process owns it (it is then not loaded here). `stoppedSinceMs`:
   * nobody held the session since then (every process was down), so its clock stops for that time.
   */
  claim?: (sessionId: string) => Promise<boolean | { stoppedSinceMs: number | null }>;
  /** The session left this process's memory: `parked` when it was idle or deleted, else at shutdown. */
  release?: (sessionId: string, parked: boolean) => Promise<void>;
}

export class SessionManager {
  private hosts = new Map<string, SessionHost>();
  /** Treatments whose solves were already precomputed in the solver pool (bounded). */
  private readonly warmed = new Set<string>();
  readonly clock: Clock;
  readonly idle: IdlePolicy;
  private sweeper: NodeJS.Timeout | null = null;
  private loadListeners: ((host: SessionHost) => void)[] = [];

  constructor(readonly store: SessionStore, private readonly opts: ManagerOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.idle = opts.idle ?? DEFAULT_IDLE_POLICY;
  }

  /** Call `fn` for every host that enters memory from now on (created or loaded). */
  onHost(fn: (host: SessionHost) => void) {
    this.loadListeners.push(fn);
  }

  private admit(host: SessionHost) {
    this.hosts.set(host.id, host);
    // a person who waited out the waiting room gives the seat back at once (lib/engine/free-seat.ts `waitedOutSeat`),
    // not at the next sweep: "Fill empty seats with bots" and the next join can use it right away
    host.on("change", (state: SessionState, fx: { notes: string[] }) => {
      if (fx.notes.length === 0 || state.status !== "running") return;
      for (const id of state.order) {
        const p = state.participants.get(id);
        if (p && waitedOutSeat(p)) this.freeWaitedOut(host.id, id);
      }
    });
    for (const fn of this.loadListeners) fn(host);
  }

  /** Seats being given back after their person waited out (one freeing per seat at a time). */
  private readonly freeingWaitedOut = new Set<string>();
  private freeWaitedOut(sessionId: string, pid: string) {
    const key = `${sessionId}|${pid}`;
    if (this.freeingWaitedOut.has(key)) return;
    this.freeingWaitedOut.add(key);
    setImmediate(() => {
      void this.freeSeat(sessionId, pid, true)
        .catch((e: unknown) => this.opts.log?.(`session=${sessionId} freeing the waited-out seat ${pid} failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => this.freeingWaitedOut.delete(key));
    });
  }

  /** The kept link of a person who gave their seat back after waiting out the waiting room (their final page), or null. */
  formerLink(token: string): Promise<FormerLink | null> {
    return this.store.formerLink(token);
  }

  /** Whether the session is in memory now. */
  isLoaded(id: string): boolean {
    return this.hosts.has(id);
  }

  /** Unload every session that is idle under the policy; returns how many left memory. */
  async sweep(): Promise<number> {
    await this.freeUnusedClaims();
    const now = this.clock();
    let n = 0;
    for (const [id, host] of this.hosts) {
      const after = host.isOver() ? this.idle.endedAfterMs : this.idle.idleAfterMs;
      if (now - host.lastActivityMs < after || !host.canUnload() || this.loading.has(id)) continue;
      this.hosts.delete(id);
      host.stop();
      await this.opts.release?.(id, true);
      n++;
    }
    if (n) this.opts.log?.(`unloaded ${n} idle session(s); ${this.hosts.size} in memory`);
    return n;
  }

  private hostOpts() {
    return {
      clock: this.clock,
      ...(this.opts.solver ? { compute: poolComputeRunner(this.opts.solver) } : {}),
      ...(this.opts.botDelayMs !== undefined ? { botDelayMs: this.opts.botDelayMs } : {}),
      ...(this.opts.inlineCompute ? { inlineCompute: this.opts.inlineCompute } : {}),
      ...(this.opts.log ? { log: this.opts.log } : {}),
    };
  }

  /**
   * Load the running or paused sessions changed within the policy's boot window (participants count
   * as offline until they reconnect; deadlines resume) and start unloading idle ones. Older sessions
   * are loaded on the first request for them.
   */
  async boot(): Promise<number> {
    const window = this.idle.bootWindowMs;
    const live = await this.store.live(Number.isFinite(window) ? new Date(this.clock() - window) : undefined);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => void this.sweep().catch((e) => this.opts.log?.(`idle sweep failed: ${e}`)), this.idle.sweepEveryMs);
      this.sweeper.unref();
    }
    // One process: the clocks of running sessions stop while the server is down (crash or stop, then a
    // restart), as for a pause, from its last heartbeat. Several processes (a lease to claim): a session
    // changes process within seconds and its clock runs on, unless no process held it for longer (every
    // process stopped): then it stops from when its lease ran out (the claim says, hostFromRow).
    const downSince = this.opts.claim ? null : await this.store.lastAlive();
    let loaded = 0;
    for (const row of live) if (await this.hostFromRow(row, downSince)) loaded++;
    if (!this.opts.claim) this.heartbeat();
    return loaded; // in a cluster, sessions other processes hold are not loaded here
  }

  private alive: NodeJS.Timeout | null = null;

  /** Write "alive at" every ALIVE_EVERY_MS (one small row; a failed write only costs precision). */
  private heartbeat() {
    const beat = () => void this.store.markAlive(this.clock()).catch(() => {});
    beat();
    this.alive ??= setInterval(beat, ALIVE_EVERY_MS);
    this.alive.unref();
  }

  /** The worker threads for long pure computations (server/solver), if the app has them. */
  get solver(): SolverPool | undefined {
    return this.opts.solver;
  }

  /** The launch-check figures' worker and deadline, if the app has them. */
  get figures(): ManagerOptions["figures"] {
    return this.opts.figures;
  }

  /**
   * Run the treatment's solves in the solver pool (if any) and keep their results, so that validating
   * it below reads them instead of solving on the event loop. A failure only costs the speed-up.
   */
  private async warm(rawTreatment: unknown): Promise<void> {
    const pool = this.opts.solver;
    if (!pool) return;
    // the same treatment (e.g. many sessions loaded at boot) is warmed once; the memos keep 64 instances
    let key: string;
    try {
      key = typeof rawTreatment === "string" ? rawTreatment : JSON.stringify(rawTreatment);
    } catch {
      return; // not serialisable (e.g. nested too deep): validation below says what is wrong with it
    }
    if (this.warmed.has(key)) return;
    if (this.warmed.size >= 64) this.warmed.clear();
    this.warmed.add(key);
    await warmInPool(pool, rawTreatment).catch((e: unknown) => this.opts.log?.(`solver pool: ${e instanceof Error ? e.message : String(e)}; solving on the main thread`));
  }

  private async hostFromRow(row: { id: string; code: string; treatmentJson: string; stateJson: string; version: number }, downSince: number | null = null): Promise<SessionHost | null> {
    if (this.opts.claim) {
      const claimed = await this.opts.claim(row.id);
      if (!claimed) return null;
      // several processes: the clock stops only while no process held the session (server/cluster/node.ts)
      if (typeof claimed === "object") downSince = claimed.stoppedSinceMs;
      // read again under the lease: the previous owner may have written since `row` was read
      const fresh = await this.store.get(row.id);
      if (!fresh) return null;
      row = fresh;
    }
    await this.warm(row.treatmentJson);
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
    // presence is not stored with every change: whoever was online counts as offline until they reconnect
    for (const p of host.state.participants.toArray())
      if (p.connected && !p.bot) await host.dispatch({ actorKind: "system", participantId: p.id }, { kind: "disconnect", pid: p.id });
    // a restart after the server was down: the time it was down is not taken off the deadlines
    if (downSince !== null && host.state.status === "running" && downSince < this.clock())
      await host.dispatch({ actorKind: "system", participantId: null }, { kind: "outage", fromMs: downSince });
    this.admit(host);
    host.armWake(); // deadlines resume; one that had passed before the server went down fires now
    host.resumeComputes(); // a step that was computing when the server stopped runs again
    await host.dispatch({ actorKind: "system", participantId: null }, { kind: "tick" });
    return host;
  }

  /** Validate a treatment and create a session with one unguessable link per seat and a room code. */
  async create(rawTreatment: unknown, opts: { seed?: string; draft?: boolean } = {}): Promise<CreateResult> {
    await this.warm(rawTreatment);
    const loaded = loadTreatment(rawTreatment, games);
    if (!loaded.ok) return { ok: false, errors: loaded.errors };
    const lt: LoadedTreatment = loaded.value;
    const id = randomUUID();
    const seed = opts.seed ?? randomBytes(8).toString("hex");
    if (this.opts.claim && !(await this.opts.claim(id))) return { ok: false, errors: ["The session could not be created; please try again."] };
    const codes = await this.uniqueCompletionCodes(lt.seats);
    const participants = Array.from({ length: lt.seats }, (_, seat) => ({
      id: `${id.slice(0, 8)}-${seat + 1}-${randomBytes(3).toString("hex")}`,
      seat,
      token: randomBytes(18).toString("base64url"),
      completionCode: codes[seat]!,
    }));
    const now = this.clock();
    const { state, effects } = createSessionState(lt, {
      id,
      seed,
      nowMs: now,
      participantIds: participants.map((p) => p.id),
      completionCodes: participants.map((p) => p.completionCode),
      ...(opts.draft ? { draft: true } : {}),
    });
    let code = randomRoomCode();
    for (let i = 0; i < 5 && (await this.store.byCode(code)); i++) code = randomRoomCode();
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
    // the links are known now: their first connection needs no database lookup
    if (this.tokens.size + participants.length <= 100_000) for (const p of participants) this.tokens.set(p.token, { sessionId: id, pid: p.id });
    this.admit(host);
    host.armWake();
    // bots seated from the start may already have a group to play in
    await host.dispatch({ actorKind: "system", participantId: null }, { kind: "tick" });
    return { ok: true, host };
  }

  /** `n` completion codes that no seat of any session has (so a pasted code names exactly one person). */
  private async uniqueCompletionCodes(n: number): Promise<string[]> {
    const codes = new Set<string>();
    for (let attempt = 0; codes.size < n; attempt++) {
      if (attempt > 20) throw new Error("could not draw unique completion codes");
      const fresh = Array.from({ length: n - codes.size }, () => randomCode(8)).filter((c) => !codes.has(c));
      const taken = new Set(await this.store.existingCompletionCodes(fresh));
      for (const c of fresh) if (!taken.has(c)) codes.add(c);
    }
    return [...codes];
  }

  /** The host of a session (loaded from the database if it is not in memory, e.g. an ended one). */
  private loading = new Map<string, Promise<SessionHost | null>>();

  async get(id: string): Promise<SessionHost | null> {
    const h = this.hosts.get(id);
    if (h) return h;
    // a stopping server loads nothing more: a disconnect handled while it closes must not reopen the database
    if (this.stopped) return null;
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
    if (this.replaced.has(token)) return null;
    let hit = this.tokens.get(token);
    if (!hit) {
      const p = await this.store.participantByToken(token);
      // replaced while it was read (a seat freed, a new link): not cached again, not valid
      if (!p || this.replaced.has(token)) return null;
      hit = { sessionId: p.sessionId, pid: p.id };
      if (this.tokens.size > 100_000) this.tokens.clear();
      this.tokens.set(token, hit);
    }
    const host = await this.get(hit.sessionId);
    return host ? { host, pid: hit.pid } : null;
  }

  /**
   * Room code + label, or a panel link's query (PROLIFIC_PID, workerId, the treatment's own parameter)
   * → the participant's token. A label or panel id in use is refused unless this browser's stored link
   * (`resume`) is that seat's, or (panel ids) the link carries the panel session the seat was taken with.
   */
  async join(req: ServerJoin): Promise<JoinResult> {
    const row = await this.store.byCode(normalizeRoomCode(req.code));
    // a study link (room code + panel query) has no board to check the code on: tell the person to contact the researcher
    if (!row) return joinError("session/not_found", worded(req.query && Object.keys(req.query).length > 0 ? "noSuchRoomPanel" : "noSuchRoom"));
    const host = await this.get(row.id);
    if (!host) return joinError("session/not_found", worded("cannotOpen"));
    if (req.query) {
      const found = panelIdFromQuery(req.query, host.lt.treatment.panel.param);
      if (found.kind === "invalid") return joinError("join/bad_panel_id", { message: found.message, wording: found.wording });
      if (found.kind === "id") {
        // the seat's own browser, with the link it stored when it joined (an id alone is no key: anyone can type one)
        if (req.resume) {
          const mine = await this.store.participantByToken(req.resume);
          const seat = mine && mine.sessionId === row.id ? seatOfPanelId(host.state, found.external) : undefined;
          if (seat && seat.id === mine?.id) return { ok: true, token: req.resume, unchanged: true };
          // this browser's person waited out here and gave the seat back: their final page, not a second seat
          const former = mine ? null : await this.store.formerLink(req.resume);
          if (former && former.sessionId === row.id && former.external && panelKey(former.external.id) === panelKey(found.external.id)) return { ok: true, token: req.resume, unchanged: true };
        }
        return this.seatLock(row.id, async () => {
          const from = await this.fromTag(row.id, req.from);
          const over = this.overSeatCap(host, from, seatOfPanelId(host.state, found.external) !== undefined);
          if (over) return over;
          return this.claimSeat(host, { kind: "claimPanel", external: found.external, ...(from ? { from } : {}) });
        });
      }
      if (req.label === undefined) return joinError("join/no_panel_id", worded("typeCodeAndLabel"));
    }
    const label = req.label ?? "";
    if (req.resume) {
      const mine = await this.store.participantByToken(req.resume);
      const p = mine && mine.sessionId === row.id ? host.state.participants.get(mine.id) : undefined;
      if (p?.label && labelsAlike(p.label, label)) return { ok: true, token: req.resume, unchanged: true };
      const former = mine ? null : await this.store.formerLink(req.resume);
      if (former && former.sessionId === row.id && former.label !== null && labelsAlike(former.label, label)) return { ok: true, token: req.resume, unchanged: true };
    }
    return this.seatLock(row.id, async () => {
      const from = await this.fromTag(row.id, req.from);
      const over = this.overSeatCap(host, from, false);
      if (over) return over;
      // the browser as the seat remembers it: a tag per session like the address's (never the cookie's id)
      const browser = req.browser === undefined ? undefined : await this.fromTag(row.id, `browser:${req.browser}`);
      return this.claimSeat(host, { kind: "claim", label, ...(from ? { from } : {}), ...(browser ? { browser } : {}) });
    });
  }

  /**
   * A join takes a seat (under the session's seat lock) and gets its link. A seat newly taken gets a new
   * link: the one it had may already be in someone's hands (the experimenter handed out personal links,
   * printed or mailed, and the room code or panel link is open too), and that person must not open the
   * joiner's seat, see their private values or act for them; their link then reads "This link was replaced".
   * The seat is held against being opened by its old link meanwhile (`withSeatOpening`), so nobody opens it
   * between the claim and the new link. A seat this browser had already (same panel session) keeps its link.
   */
  private async claimSeat(host: SessionHost, cmd: Extract<Command, { kind: "claim" | "claimPanel" }>): Promise<JoinResult> {
    const claim = async (): Promise<JoinResult> => {
      const r = await host.dispatch({ actorKind: "participant", participantId: null }, cmd);
      if (!r.ok) return r;
      if (!r.pid) return joinError("session/not_found", worded("seatNotFound"));
      if (r.duplicate) {
        // the seat this panel session took before, with its link (nothing changed); one seat's token (reading
        // every seat's made a join cost ~7 ms of CPU at 1,000 seats)
        const token = await this.store.tokenOf(host.id, r.pid);
        return token ? { ok: true, token, unchanged: true } : joinError("session/not_found", worded("seatNotFound"));
      }
      const link = await this.reissueLink(host.id, r.pid, null);
      return link.ok ? { ok: true, token: link.token } : joinError("session/not_found", worded("seatNotFound"));
    };
    // the seat the claim will take is the first free one; a browser may open it by its link while this waits for
    // its lock, and then the claim would take the next one, unheld: so it is checked again under the lock
    // (with every seat taken, a room-code join may take over a seat filled with a bot: lib/engine/takeover.ts)
    for (let attempt = 0; attempt < 8; attempt++) {
      const next = seatForClaim(host.state, host.lt, cmd.kind)?.id;
      if (next === undefined) return claim(); // no seat to take: the claim is refused (full), nothing to hold
      const r = await this.withSeatOpening(host.id, next, async () => (seatForClaim(host.state, host.lt, cmd.kind)?.id === next ? claim() : null));
      if (r !== null) return r;
    }
    return joinError("session/conflict", worded("seatNotFound"));
  }

  /**
   * The tag a join's sender leaves on the seat it takes (`claimedFrom`, and the join's event payload): an HMAC
   * of the session and the sender's per-address limit key under a random key stored once in the database
   * (`ADDRESS_TAG_KEY`, never exported), so the state and the event log hold no network address and the
   * exports none that can be computed back. A plain hash salted with the session id (in every export) was:
   * an IPv4 address is one of 2^32 (fresh-clone attack review, 2026-12-07).
   */
  private async fromTag(sessionId: string, from: string | undefined): Promise<string | undefined> {
    if (from === undefined) return undefined;
    this.tagKey ??= this.store.settingOnce(ADDRESS_TAG_KEY, () => randomBytes(32).toString("base64url")).catch((e: unknown) => {
      this.tagKey = null;
      throw e;
    });
    return createHmac("sha256", await this.tagKey)
      .update(`${sessionId}|${from}`)
      .digest("base64url")
      .slice(0, 16);
  }
  private tagKey: Promise<string> | null = null;
  /**
   * The refusal when the sender already holds the treatment's `join.seatsPerAddress` seats of the session
   * (counted from the state: a seat freed again no longer counts; never for a seat coming back).
   */
  private overSeatCap(host: SessionHost, tag: string | undefined, comingBack: boolean): JoinResult | null {
    const cap = host.lt.treatment.join.seatsPerAddress;
    if (cap === undefined || tag === undefined || comingBack) return null;
    let held = 0;
    host.state.participants.forEach((p) => {
      if (p.claimed && p.claimedFrom === tag) held++;
    });
    if (held < cap) return null;
    this.opts.log?.(`session=${host.id} join refused: ${cap} seat(s) already taken from one address (join.seatsPerAddress)`);
    return joinError("join/too_many_seats", worded("tooManySeatsFromAddress", { seats: cap }));
  }

  /**
   * Joins that take a seat and seats being freed run one at a time per session, so a join never reads the
   * link of a seat that is being freed (and given a new link) at that moment.
   */
  private readonly seatLocks = new Map<string, Promise<unknown>>();
  private seatLock<T>(sessionId: string, fn: () => Promise<T>): Promise<T> {
    return this.lock(`s:${sessionId}`, fn);
  }
  /**
   * A browser opening a seat (its link checked once more, then `connect`) and that seat being freed run one
   * after the other: a browser admitted with the old link either opens the seat before it is freed (and is
   * then sent away with it) or finds its link replaced; it never opens the freed seat (server/realtime/sockets.ts).
   */
  withSeatOpening<T>(sessionId: string, pid: string, fn: () => Promise<T>): Promise<T> {
    return this.lock(`p:${sessionId}|${pid}`, fn);
  }
  private lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.seatLocks.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => {});
    this.seatLocks.set(key, tail);
    void tail.then(() => {
      if (this.seatLocks.get(key) === tail) this.seatLocks.delete(key);
    });
    return run;
  }

  /**
   * Give a taken seat back to the free seats with a new link (the old one stops working at once, and a
   * browser on it is sent away): the experimenter's "Free seat", or `unused` for a seat taken by room code
   * or panel id that nobody opened within CLAIM_HOLD_MS (lib/engine/free-seat.ts; the sweep sends those).
   */
  async freeSeat(sessionId: string, pid: string, unused = false): Promise<DispatchResult> {
    const host = await this.get(sessionId);
    if (!host) return { ok: false, error: { code: "session/not_found", message: "No such session." } };
    // the server's own freeing names the seat in the event log, so its rows read together with the seat's earlier ones
    const actor = unused ? ({ actorKind: "system", participantId: pid } as const) : ({ actorKind: "admin", participantId: null } as const);
    const command = { kind: "freeSeat", pid, ...(unused ? { unused } : {}) } as const;
    return this.seatLock(sessionId, () => this.withSeatOpening(sessionId, pid, async () => {
      await host.drain();
      const seat = host.state.participants.get(pid);
      const ready = seat !== undefined && (host.state.status === "running" || host.state.status === "paused") && (unused ? unusedClaim(seat, this.clock()) : freeSeatProblem(seat) === null);
      // not freeable: the engine says why (and the event log keeps the refusal)
      if (!ready) return host.dispatch(actor, command);
      // a person who waited out keeps their final page by their link (reloaded, or opened later): kept before the link
      // is replaced, so their page, sent away with the old link, finds it when it connects again
      if (waitedOutSeat(seat)) {
        const old = await this.store.tokenOf(sessionId, pid);
        const view = participantMessage(host, pid, this.clock());
        if (old && view)
          await this.store.keepFormerLink(old, {
            sessionId,
            pid,
            holder: (seat.timesFreed ?? 0) + 1,
            label: seat.label,
            external: seat.external ? { source: seat.external.source, id: seat.external.id } : null,
            view,
          });
      }
      // the old link stops working first, so no browser holding it can open the seat once it is free
      const link = await this.reissueLink(sessionId, pid, unused ? "the server (a seat taken and never opened)" : "the experimenter (freed the seat)");
      if (!link.ok) return { ok: false, error: { code: "session/conflict", message: `The seat's link could not be renewed (${link.message}); nothing was changed.` } };
      // the next person gets a completion code of their own (the one before may have seen this one on a monitor):
      // recorded in the database first, where new codes are checked for uniqueness, and put back if not used
      const [completionCode] = await this.uniqueCompletionCodes(1);
      const before = seat.completionCode;
      await this.store.setCompletionCode(sessionId, pid, completionCode!);
      const r = await host.dispatch(actor, { ...command, completionCode: completionCode! });
      if (!r.ok) await this.store.setCompletionCode(sessionId, pid, before);
      return r;
    }));
  }

  /**
   * The experimenter's "Replace by bot". On a seat whose person has not finished the intro (lib/engine/free-seat.ts
   * `personInIntro`: they never agreed to take part) the seat is freed from that person and becomes a bot seat:
   * like "Free seat", its link is renewed first (their browser is sent away) and it gets a new completion code,
   * then the engine's command carries `intro`. Any other seat: the bot plays for its person, as before.
   */
  async replaceWithBot(sessionId: string, pid: string, strategy?: string): Promise<DispatchResult> {
    const host = await this.get(sessionId);
    if (!host) return { ok: false, error: { code: "session/not_found", message: "No such session." } };
    const actor = { actorKind: "admin", participantId: null } as const;
    const command = { kind: "replaceWithBot", pid, ...(strategy !== undefined ? { strategy } : {}) } as const;
    return this.seatLock(sessionId, () => this.withSeatOpening(sessionId, pid, async () => {
      await host.drain();
      const seat = host.state.participants.get(pid);
      // an unknown bot is refused by the engine before anything changes (the link is not renewed for it)
      const knownBot = strategy === undefined || Object.hasOwn(host.lt.game.bots, strategy);
      const ready = seat !== undefined && knownBot && (host.state.status === "running" || host.state.status === "paused") && personInIntro(seat);
      if (!ready) return host.dispatch(actor, command);
      const link = await this.reissueLink(sessionId, pid, "the experimenter (replaced a person still in the intro by a bot)");
      if (!link.ok) return { ok: false, error: { code: "session/conflict", message: `The seat's link could not be renewed (${link.message}); nothing was changed.` } };
      const [completionCode] = await this.uniqueCompletionCodes(1);
      const before = seat.completionCode;
      await this.store.setCompletionCode(sessionId, pid, completionCode!);
      const r = await host.dispatch(actor, { ...command, intro: true, completionCode: completionCode! });
      if (!r.ok) await this.store.setCompletionCode(sessionId, pid, before);
      return r;
    }));
  }

  /** Free the seats taken by room code or panel id that nobody opened within CLAIM_HOLD_MS (run by the sweep). */
  async freeUnusedClaims(): Promise<number> {
    const now = this.clock();
    let n = 0;
    for (const host of [...this.hosts.values()]) {
      if (host.state.status !== "running") continue; // (a pause stops the clocks of those who left, too)
      for (const p of host.state.participants.toArray()) {
        if (!unusedClaim(p, now)) continue;
        // one seat that cannot be freed now (a database error) must not keep the others taken
        const r = await this.freeSeat(host.id, p.id, true).catch((e: unknown) => {
          this.opts.log?.(`session=${host.id} freeing seat ${p.seat + 1} failed: ${e instanceof Error ? e.message : String(e)}`);
          return null;
        });
        if (r?.ok) n++;
      }
    }
    return n;
  }

  /** The participants' language of the session with this room code (the join page words itself in it), or null. */
  async roomLanguage(code: string): Promise<{ language: Locale; title: string } | null> {
    const row = await this.store.byCode(normalizeRoomCode(code));
    const host = row ? await this.get(row.id) : null;
    return host ? { language: host.lt.treatment.language, title: participantTitleOf(host.lt.treatment) } : null;
  }

  /** A new personal link for a seat (the experimenter re-issues it); the old link stops working at once. */
  async reissueLink(sessionId: string, pid: string, by: string | null = "the experimenter"): Promise<{ ok: true; token: string } | { ok: false; message: string }> {
    const host = await this.get(sessionId);
    const seat = host ? host.state.participants.get(pid) : undefined;
    if (!host || !seat) return { ok: false, message: "No such seat in this session." };
    const token = randomBytes(18).toString("base64url");
    const old = await this.store.tokenOf(sessionId, pid);
    if (!(await this.store.setToken(sessionId, pid, token))) return { ok: false, message: "No such seat in this session." };
    if (old) this.rememberReplaced(old);
    for (const [t, hit] of this.tokens) if (hit.pid === pid && hit.sessionId === sessionId) this.tokens.delete(t);
    host.emit("revoked", pid);
    if (by !== null) this.opts.log?.(`session=${sessionId} ${by} re-issued the link of seat ${seat.seat + 1} (${pid})`);
    return { ok: true, token };
  }

  /** Links that were replaced by a new one (the seat freed, or a new link made), so a browser holding one is told why. */
  private readonly replaced = new Set<string>();
  private rememberReplaced(token: string) {
    if (this.replaced.size >= 20_000) this.replaced.clear(); // bounded: a forgotten one reads "not valid" instead
    this.replaced.add(token);
  }
  /** Whether `token` was a seat's link until it was replaced (by this process, since it started). */
  wasReplaced(token: string): boolean {
    return this.replaced.has(token);
  }

  /** Forget a session (it must not be running) and delete it from the database. */
  async delete(id: string): Promise<void> {
    const host = this.hosts.get(id);
    if (host) {
      await host.drain();
      host.emit("deleted");
      host.stop();
      this.hosts.delete(id);
      await this.opts.release?.(id, true);
    }
    for (const [t, hit] of this.tokens) if (hit.sessionId === id) this.tokens.delete(t);
    await this.store.deleteSession(id);
  }

  all(): SessionHost[] {
    return [...this.hosts.values()];
  }

  /** Drop a session from memory without writing anything (another process took it over). */
  evict(id: string): void {
    const host = this.hosts.get(id);
    if (!host) return;
    host.stop();
    this.hosts.delete(id);
  }

  private stopped = false;

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    if (this.alive) {
      clearInterval(this.alive);
      this.alive = null;
      // stopped on purpose: the clocks stop from now, not from the last beat
      await this.store.markAlive(this.clock()).catch(() => {});
    }
    // loads already under way finish (and are stopped below) before the store closes
    await Promise.allSettled([...this.loading.values()]);
    for (const h of this.hosts.values()) {
      await h.drain();
      h.stop();
      await this.opts.release?.(h.id, false);
    }
    this.hosts.clear();
  }
}
