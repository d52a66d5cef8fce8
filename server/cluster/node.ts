/**
 * One process of a cluster: the leases it holds, and the loops that keep them and take over sessions of
 * processes that died.
 *
 * - `claim` / `release` / `fence` are the SessionManager's and SessionStore's hooks: a session is loaded
 *   only under its lease, and every write checks the lease's token (server/cluster/lease.ts).
 * - Every `ttlMs / 3` the leases are renewed in one statement, from a worker thread guarded by a
 *   heartbeat of this event loop (server/cluster/lease-keeper.ts); a session whose lease was lost (taken
 *   over, or given up because this loop stalled too long) is dropped from memory without writing
 *   (`manager.evict`).
 * - Every `scanMs` the process looks for running sessions whose owner is gone (lease expired, not
 *   parked) and takes them over: loaded from the database with the stored deadlines. A session nobody held
 *   for longer than `ttlMs + scanMs` (every process was stopped: no failover) has its clock stopped for
 *   the whole time nobody held it, from its lease's expiry (a stop: the release), as one process does
 *   over a restart (`claim`).
 * - Every `scanMs` it lists the processes alive (their RPC channels in Redis); when one disappears, the
 *   presence of the sessions held here is checked against the sockets that are really connected.
 */
import type { Server } from "socket.io";
import type { SessionManager } from "../sessions/manager";
import type { SqlStatement } from "../db/writer";
import type { LeaseTable } from "./lease";
import type { LeaseRenewer } from "./lease-keeper";
import type { NodeRpc } from "./rpc";
import { presenceOf, servePresence } from "./presence";

export interface NodeTiming {
  /** Lease lifetime; renewed every third of it. */
  ttlMs: number;
  /** How often orphaned sessions and dead processes are looked for. */
  scanMs: number;
  /** Running sessions changed within this window are taken over (null: all). */
  bootWindowMs: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A presence check some process did not answer is tried again after this long, doubling up to `RECHECK_MAX_MS`. */
const RECHECK_FIRST_MS = 1000;
const RECHECK_MAX_MS = 15_000;

export class ClusterNode {
  /** Session id → fencing token of the leases this process holds. */
  readonly held = new Map<string, number>();
  /** Processes seen alive at the last scan (by their RPC channel). */
  private alive = new Set<string>();
  /** Processes known to be gone (their channel disappeared), with when it was noticed. */
  readonly gone = new Map<string, number>();
  private manager: SessionManager | null = null;
  private io: Server | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  /** Set once the manager's boot loaded what it loads (before that, takeovers would load twice). */
  booted = false;
  /**
   * Sessions held here whose participants' presence has not been fully checked since they were loaded
   * (some process did not answer): the owner sends views to all their participants meanwhile, and checks
   * again (`recheck`).
   */
  private readonly unsettled = new Set<string>();
  private readonly recheck = new Map<string, NodeJS.Timeout>();
  /** Since when this process has not reached Redis (null: it does). */
  private redisLostAt: number | null = null;
  /** When this process last noted in the database that it reaches Redis. */
  private redisNotedAt = 0;
  /**
   * This process lost Redis while others still reach it (a cut of its own, not an outage for all): it gave
   * its sessions up to them and takes none until Redis is back.
   */
  cutOff = false;

  constructor(
    readonly lease: LeaseTable,
    readonly rpc: NodeRpc,
    private readonly renewer: LeaseRenewer,
    private readonly listNodes: () => Promise<string[]>,
    readonly timing: NodeTiming,
    private readonly log: (line: string) => void,
  ) {
    renewer.onLost(this.lost);
  }

  get id(): string {
    return this.lease.owner;
  }

  /**
   * SessionManager hook: take (or confirm) the lease before the session is loaded or created here. False
   * when another process holds it. `stoppedSinceMs` (the database's clock): nobody held the session for
   * longer than a failover takes (`freeForMs`) — every process was stopped or down — so its clock stops
   * for that time as a single process's does over a restart (the manager shifts the deadlines); a quick
   * failover to a process that was up keeps the stored deadlines (null).
   */
  claim = async (sessionId: string): Promise<false | { stoppedSinceMs: number | null }> => {
    if (this.stopped || this.cutOff) return false;
    const taken = await this.lease.take(sessionId);
    if (taken === null) return false;
    const { token, freeSinceMs, nowMs } = taken;
    const stoppedSinceMs = freeSinceMs !== null && nowMs - freeSinceMs > this.freeForMs ? freeSinceMs : null;
    // the token grows whenever the owner changes: above 1, another process held the session before (however the takeover came)
    if (token > 1 && this.held.get(sessionId) !== token)
      this.log(`cluster: took over session ${sessionId}${stoppedSinceMs !== null ? ` (nobody held it for ${((nowMs - stoppedSinceMs) / 1000).toFixed(1)} s: its deadlines resume with the time they had left)` : ""}`);
    this.held.set(sessionId, token);
    this.renewer.hold(sessionId, token);
    return { stoppedSinceMs };
  };

  /**
   * How long a session may go without an owner in a failover among processes that are up: its lease runs
   * out (a crash: up to `ttlMs` after the last renewal) and another process notices within a scan. Longer
   * (every process stopped, e.g. for an update) counts as downtime.
   */
  get freeForMs(): number {
    return this.timing.ttlMs + this.timing.scanMs;
  }

  /** SessionManager hook: the session left memory (parked when idle, else at shutdown). */
  release = async (sessionId: string, parked: boolean): Promise<void> => {
    const token = this.held.get(sessionId);
    if (token === undefined) return;
    this.held.delete(sessionId);
    this.renewer.drop(sessionId, token);
    await this.lease.release(sessionId, token, parked).catch((e: Error) => this.log(`cluster: releasing ${sessionId} failed: ${e.message}`));
  };

  /** SessionStore hook: the lease check of every write (a session not held here cannot be written). */
  fence = (sessionId: string): SqlStatement => this.lease.fence(sessionId, this.held.get(sessionId) ?? -1);

  /** Start the loops once the manager and Socket.io exist. */
  start(manager: SessionManager, io: Server): void {
    this.manager = manager;
    this.io = io;
    servePresence(this.rpc, io);
    manager.onHost((host) => {
      this.unsettled.add(host.id);
      void this.reconcile(host.id).catch((e: Error) => this.log(`cluster: presence of ${host.id}: ${e.message}`));
    });
    const every = (ms: number, fn: () => Promise<void>) => {
      let running = false;
      const t = setInterval(() => {
        if (running || this.stopped) return;
        running = true;
        fn()
          .catch((e: Error) => this.log(`cluster: ${e.message}`))
          .finally(() => (running = false));
      }, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.timing.scanMs, () => this.watchNodes());
    every(this.timing.scanMs, () => this.takeOver());
  }

  /** The renewer found these leases lost: drop the sessions from memory (nothing is written). */
  private lost = (lost: [string, number][], why: string): void => {
    const dropped: string[] = [];
    for (const [id, token] of lost) {
      if (this.held.get(id) !== token) continue;
      this.held.delete(id);
      this.manager?.evict(id);
      dropped.push(id);
    }
    if (dropped.length) this.log(`cluster: lost the lease of session(s) ${dropped.join(", ")} (${why}); dropped them here`);
  };

  /** Take over running sessions whose owner is gone. */
  private async takeOver(): Promise<void> {
    const m = this.manager;
    if (!m || !this.booted || this.cutOff) return;
    const since = this.timing.bootWindowMs === null ? null : Date.now() - this.timing.bootWindowMs;
    for (const id of await this.lease.orphans(since)) {
      if (this.stopped) return;
      if (this.held.has(id) && m.isLoaded(id)) continue;
      await m.get(id); // loading claims the lease, which logs the takeover
    }
  }

  private async watchNodes(): Promise<void> {
    let listed: string[];
    try {
      listed = await this.listNodes();
    } catch {
      await this.redisUnreachable(); // the Redis error itself is logged by the connection (throttled)
      return;
    }
    await this.redisReachable();
    const now = new Set(listed);
    // this process is never "gone" to itself (its own channel can be missing from a list taken while its
    // Redis subscription comes back)
    const lost = [...this.alive].filter((n) => !now.has(n) && n !== this.id);
    const back = [...now].filter((n) => this.gone.has(n));
    this.alive = now;
    for (const n of now) this.gone.delete(n); // seen again (e.g. its Redis connection came back)
    if (back.length) {
      // its participants were marked offline while it was gone (e.g. a Redis outage): mark them connected
      // again (their processes resend them their current views: server/cluster/index.ts resendViews)
      this.log(`cluster: process(es) ${back.join(", ")} back; checking presence`);
      for (const id of this.held.keys()) await this.reconcile(id);
    }
    for (const [n, at] of this.gone) if (Date.now() - at > 10 * 60_000) this.gone.delete(n);
    if (lost.length === 0) return;
    for (const n of lost) {
      this.gone.set(n, Date.now());
      this.rpc.failPeer(n);
    }
    this.log(`cluster: process(es) ${lost.join(", ")} gone; checking presence`);
    for (const id of this.held.keys()) await this.reconcile(id);
  }

  /**
   * Redis answered: note it in the database (every third of a lease), and after a cut of this process's
   * own, take sessions again.
   */
  private async redisReachable(): Promise<void> {
    this.redisLostAt = null;
    if (this.cutOff) {
      this.cutOff = false;
      this.log("cluster: Redis is reachable again; this process takes sessions again");
    }
    if (Date.now() - this.redisNotedAt >= this.timing.ttlMs / 3) {
      // a note that fails (the database away) only delays telling a cut of another process from an outage
      if (await this.lease.markRedisReachable().then(() => true, () => false)) this.redisNotedAt = Date.now();
    }
  }

  /**
   * Redis did not answer. Once that lasted two lease lifetimes while another process noted, a lease
   * lifetime or more after this one lost Redis, that it reaches Redis, the cut is this process's own: its sessions run on where their
   * participants elsewhere get neither views nor acks, so it gives them up (their leases end now; another
   * process takes them over within a scan), closes its participants' connections so their pages connect
   * again, through the balancer, to a process that serves them, and takes nothing until Redis is back.
   * When no other process reaches Redis either (an outage for all), every session stays where it is.
   */
  private async redisUnreachable(): Promise<void> {
    const now = Date.now();
    this.redisLostAt ??= now;
    if (this.cutOff || now - this.redisLostAt < 2 * this.timing.ttlMs) return;
    // only notes made a lease lifetime after this process lost Redis count: in an outage for all, every
    // other process's last note is older than that (none can be made after Redis went away)
    const others = await this.lease.othersReachingRedis(now - this.redisLostAt - this.timing.ttlMs);
    if (others === 0) return;
    this.cutOff = true;
    const given = [...this.held.entries()];
    this.log(
      `cluster: this process has not reached Redis for ${Math.round((now - this.redisLostAt) / 1000)} s while ${others} other process(es) do: ` +
        `giving its ${given.length} session(s) up to them until Redis is back (check this machine's path to REDIS_URL)`,
    );
    for (const [id, token] of given) {
      if (this.held.get(id) !== token) continue;
      this.held.delete(id);
      this.renewer.drop(id, token);
      this.clearRecheck(id);
      this.unsettled.delete(id);
      this.manager?.evict(id);
      await this.lease.release(id, token, false).catch((e: Error) => this.log(`cluster: giving session ${id} up failed: ${e.message}`));
    }
    // the pages connect again by themselves after a closed connection (not after a refusal)
    for (const s of this.io?.of("/").sockets.values() ?? []) s.conn.close();
  }

  /** A call found process `node` unsubscribed: treat it as gone until it is seen again. */
  markGone(node: string): void {
    if (node !== this.id) this.gone.set(node, Date.now());
  }

  /** Whether this process is shutting down (no new leases, no calls). */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Whether process `node` is known to be gone. */
  isGone(node: string): boolean {
    return this.gone.has(node);
  }

  /** Whether the session's presence is still to be checked (views then go to every participant of it). */
  presenceUnsettled(sessionId: string): boolean {
    return this.unsettled.has(sessionId);
  }

  /**
   * Make the session's presence match the sockets connected on every process (server/cluster/presence.ts):
   * participants with a socket are connected; those without are disconnected only when every process
   * answered (checked twice). When some process did not answer (frozen, overloaded, cut off), what the
   * answers show is applied and the check runs again later, until all answer or the session leaves.
   */
  async reconcile(sessionId: string, attempt = 0): Promise<void> {
    const m = this.manager;
    const io = this.io;
    this.clearRecheck(sessionId);
    if (!m || !io || this.stopped || !this.held.has(sessionId) || !m.isLoaded(sessionId)) {
      this.unsettled.delete(sessionId);
      return;
    }
    const host = await m.get(sessionId);
    if (!host) return;
    let complete = false;
    try {
      const nodes = await this.listNodes();
      const first = await presenceOf(io, this.rpc, nodes, sessionId);
      complete = first.complete;
      const changes = host.state.participants.toArray().filter((p) => first.online.has(p.id) !== p.connected && (first.online.has(p.id) || first.complete));
      if (changes.length) {
        // look again right before changing (a socket may have come or gone meanwhile)
        const again = await presenceOf(io, this.rpc, nodes, sessionId);
        complete &&= again.complete;
        for (const p of changes) {
          const has = again.online.has(p.id);
          const now = host.state.participants.get(p.id);
          if (!now || has === now.connected || (!has && !again.complete)) continue;
          await host.dispatch({ actorKind: "system", participantId: p.id }, { kind: has ? "connect" : "disconnect", pid: p.id });
        }
      }
    } finally {
      if (complete) this.unsettled.delete(sessionId);
      else if (!this.stopped && this.held.has(sessionId)) {
        this.unsettled.add(sessionId);
        if (attempt === 0) this.log(`cluster: presence of ${sessionId}: a process did not answer in time; views go to every participant until all answer (asking again)`);
        const t = setTimeout(() => void this.reconcile(sessionId, attempt + 1).catch((e: Error) => this.log(`cluster: presence of ${sessionId}: ${e.message}`)), Math.min(RECHECK_FIRST_MS * 2 ** attempt, RECHECK_MAX_MS));
        t.unref();
        this.recheck.set(sessionId, t);
      }
    }
  }

  private clearRecheck(sessionId: string): void {
    const t = this.recheck.get(sessionId);
    if (t) clearTimeout(t);
    this.recheck.delete(sessionId);
  }

  /**
   * After a command here could not be stored: whether this process still holds the session's lease with
   * `token`. When it does not (another process took the session over, or this one is stopping), the
   * session is dropped from memory here, so the caller can look for the new owner and send it there.
   */
  async stillOwns(sessionId: string, token: number | undefined): Promise<boolean> {
    if (this.stopped || token === undefined || this.held.get(sessionId) !== token) return false;
    const o = await this.lease.ownerOf(sessionId);
    if (o && o.owner === this.id && o.token === token) return true;
    if (this.held.get(sessionId) === token) {
      this.held.delete(sessionId);
      this.renewer.drop(sessionId, token);
      this.manager?.evict(sessionId);
      this.log(`cluster: session ${sessionId} was taken over by another process; dropped it here`);
    }
    return false;
  }

  /**
   * Wait until process `node`'s lease on the session expired (it is gone), at most `ms`. "free": the lease
   * expired or moved; "back": `node` is seen on Redis again; "unreachable": `node` went on renewing the
   * lease for a whole lease lifetime while this process cannot reach it over Redis — it runs, but on
   * another Redis or prefix (or Redis is cut between the two), so waiting for its lease to expire would
   * never end; "timeout": none of these within `ms`.
   */
  async waitForExpiry(sessionId: string, node: string, ms: number): Promise<"free" | "back" | "unreachable" | "timeout"> {
    const until = Date.now() + ms;
    let firstExpiry: number | null = null;
    let renewedAt: number | null = null;
    while (Date.now() < until) {
      const o = await this.lease.ownerOf(sessionId);
      if (!o || !o.live || o.owner !== node) return "free";
      if (!this.gone.has(node)) return "back";
      firstExpiry ??= o.expiresAtMs;
      if (o.expiresAtMs > firstExpiry) {
        renewedAt ??= Date.now();
        if (Date.now() - renewedAt >= this.timing.ttlMs) return "unreachable";
      }
      await sleep(Math.min(200, this.timing.ttlMs / 10));
    }
    return "timeout";
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.recheck.values()) clearTimeout(t);
    this.recheck.clear();
    void this.renewer.stop();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }
}
