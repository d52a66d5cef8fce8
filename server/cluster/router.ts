/**
 * The SessionRouter of a cluster process: a session held here runs here; any other is forwarded to the
 * process that holds its lease (Redis request/response, server/cluster/rpc.ts), and answered only after
 * the owner stored the command. When the owner is gone, the call waits for its lease to expire, takes
 * the session over (or finds who did) and runs there — within the caller's time budget. The same happens
 * when the owner hangs (its lease expires or moves while the call waits) or finds its write refused by
 * the fencing check (it lost the lease): the command goes on to the new owner instead of failing.
 */
import type { Server } from "socket.io";
import type { ActionError } from "../../lib/core/errors";
import type { Command } from "../../lib/engine";
import type { ServerJoin } from "../../lib/protocol/payloads";
import type { DispatchResult, SessionHost } from "../sessions/host";
import type { JoinResult, SessionManager } from "../sessions/manager";
import { adminMessage, participantMessage, projectorMessage, SessionUnreachableError, type Actor, type SessionRouter } from "../sessions/router";
import { normalizeRoomCode } from "../security/room-code";
import type { ClusterNode } from "./node";
import { PeerGoneError, PeerTimeoutError } from "./rpc";

/** How long a forwarded call may take in all, retries and a takeover included (the browser waits 8 s). */
const BUDGET_MS = 7000;
/** A monitor or projector open on another process keeps the owner sending its views this long after its last ping. */
const WATCH_MS = 10_000;

type Where = { local: SessionHost } | { remote: string };
type Answer<T> = { notOwner: true } | { value: T };

/** The owner did not confirm in time: it may still store the answer, so the participant sends it again (counted once). */
const busy = (): DispatchResult => ({ ok: false, error: { code: "session/conflict", message: "The server is busy or switching over and could not confirm your answer. Please send it again in a moment (it counts only once)." } });
/** A command refused because its write did not commit (lease lost, the process stopping): it may be sent to the new owner. */
const unstoredDispatch = (r: DispatchResult): boolean => !r.ok && r.error.code === "session/conflict" && (r.error.wording?.key === "notSaved" || r.error.wording?.key === "shuttingDown");
const gone = (): DispatchResult => ({ ok: false, error: { code: "session/not_found", message: "This session is no longer available." } });

export interface ClusterRouter extends SessionRouter {
  /** Room code + label → token, run where the session lives (server/http/api.ts). */
  join(req: ServerJoin): Promise<JoinResult>;
  /** Run `local` here if the session is held here, else call `method` on its owner (null: no such session). */
  onOwner<T>(sessionId: string, local: (host: SessionHost) => Promise<T> | T, method: string, args: unknown, budgetMs?: number): Promise<T | null>;
  stop(): void;
}

/** What this process says about itself when another cannot be reached (its Redis prefix), in the log line of that case. */
export interface RouterIdentity {
  prefix: string;
  log: (line: string) => void;
}

export function clusterRouter(node: ClusterNode, manager: SessionManager, io: Server, me: RouterIdentity = { prefix: "", log: () => undefined }): ClusterRouter {
  /** Processes found running but unreachable over Redis, and when that was last logged (once per minute each). */
  const unreachableLogged = new Map<string, number>();
  const unreachable = (id: string, owner: string): SessionUnreachableError => {
    const text =
      `session ${id}: process ${owner} runs it (it renews the session's lease in the database) but cannot be reached over Redis ` +
      `from this process (Redis prefix "${me.prefix}"): every process must use the same REDIS_URL and MECHLAB_REDIS_PREFIX, and reach that Redis`;
    const last = unreachableLogged.get(owner);
    if (last === undefined || Date.now() - last > 60_000) {
      if (unreachableLogged.size > 1000) unreachableLogged.clear();
      unreachableLogged.set(owner, Date.now());
      me.log(`cluster: ${text}`);
    }
    return new SessionUnreachableError(text);
  };
  /** Where sessions held elsewhere live (a cache: looked up again when wrong; cleared past 10,000 sessions). */
  const owners = new Map<string, string>();
  /** Until when a monitor elsewhere watches a session held here (expired entries go past 1,000 sessions). */
  const watchers = new Map<string, number>();
  const watched = (id: string) => {
    const now = Date.now();
    if (watchers.size >= 1000) for (const [k, until] of watchers) if (until <= now) watchers.delete(k);
    watchers.set(id, now + WATCH_MS);
  };

  async function locate(id: string, until: number): Promise<Where | null> {
    for (;;) {
      if (node.stopping) throw new PeerGoneError("this process is shutting down");
      if (node.held.has(id)) {
        const host = await manager.get(id);
        if (host) return { local: host };
      }
      const cached = owners.get(id);
      if (cached && !node.isGone(cached)) return { remote: cached };
      owners.delete(id);
      const o = await node.lease.ownerOf(id);
      if (o && o.live && o.owner !== node.id) {
        if (!node.isGone(o.owner)) {
          if (owners.size >= 10_000) owners.clear();
          owners.set(id, o.owner);
          return { remote: o.owner };
        }
        const waited = await node.waitForExpiry(id, o.owner, Math.max(0, until - Date.now()));
        if (waited === "unreachable") throw unreachable(id, o.owner);
        if (waited === "back") continue;
      }
      const host = await manager.get(id); // takes the lease if nobody holds it
      if (host) return { local: host };
      if (!(await manager.store.get(id))) return null;
      if (Date.now() > until) throw new PeerTimeoutError(`session ${id}: no process could take it over in time`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Resolves "moved" once the session's lease is no longer live with `remote` (another process took it
   * over, or it expired while `remote` hangs), looking every sixth of a lease; or when `done.v` is set.
   */
  const probeEvery = Math.max(100, Math.floor(node.timing.ttlMs / 6));
  /** One lease lookup per session and probe period, shared by every call waiting on that session. */
  const probes = new Map<string, { at: number; owner: ReturnType<typeof node.lease.ownerOf> }>();
  const probe = (id: string) => {
    const p = probes.get(id);
    if (p && Date.now() - p.at < probeEvery / 2) return p.owner;
    if (probes.size > 10_000) probes.clear();
    const owner = node.lease.ownerOf(id);
    owner.catch(() => undefined);
    probes.set(id, { at: Date.now(), owner });
    return owner;
  };

  async function moved(id: string, remote: string, done: { v: boolean }): Promise<"moved" | null> {
    while (!done.v) {
      await new Promise((r) => setTimeout(r, probeEvery));
      if (done.v) return null;
      const o = await probe(id).catch(() => undefined);
      if (o === undefined) continue; // the database did not answer: keep waiting for the call
      if (!o || o.owner !== remote || !o.live) return "moved";
    }
    return null;
  }

  /**
   * Run `local` where the session lives, within `budgetMs`, and answer once it ran there. When the owner
   * dies, hangs or loses the lease meanwhile, the call goes to the new owner (taking the session over
   * here if nobody did); `unstored(answer)` marks answers that mean "not stored because the lease was
   * lost" (the fencing check refused the write), which are sent to the new owner too. Commands reach a
   * second owner only if the first did not store them, or stored them before the takeover, in which
   * case the new owner loaded them and answers "duplicate" (actions carry a clientActionId; an intro
   * step already counted is a duplicate too).
   */
  async function onOwner<T>(id: string, local: (host: SessionHost) => Promise<T> | T, method: string, args: unknown, budgetMs = BUDGET_MS, unstored?: (v: T) => boolean): Promise<T | null> {
    const until = Date.now() + budgetMs;
    for (;;) {
      const where = await locate(id, until);
      if (!where) return null;
      if ("local" in where) {
        const token = node.held.get(id);
        const v = await local(where.local);
        if (!unstored?.(v) || Date.now() > until || (await node.stillOwns(id, token))) return v;
        continue; // lost the lease while running it: find the new owner
      }
      const done = { v: false };
      try {
        const call = node.rpc.call<Answer<T>>(where.remote, method, { id, args }, Math.max(100, until - Date.now()));
        call.catch(() => undefined); // abandoned when the session moved
        const a = await Promise.race([call, moved(id, where.remote, done)]);
        if (a !== "moved" && a !== null && "value" in a) return a.value;
        owners.delete(id); // handed over meanwhile: look again
      } catch (e) {
        owners.delete(id);
        if (e instanceof PeerGoneError) node.markGone(where.remote);
        else if (!(e instanceof PeerTimeoutError)) throw e;
      } finally {
        done.v = true;
      }
      if (Date.now() > until) throw new PeerTimeoutError(`session ${id}: its process did not answer in time`);
    }
  }

  /**
   * Serve `method` for the sessions held here; any other answers notOwner so the caller looks again, and
   * so does an answer `unstored` by a process that found it lost the lease meanwhile.
   */
  function serve<A, T>(method: string, fn: (host: SessionHost, args: A) => Promise<T> | T, unstored?: (v: T) => boolean) {
    node.rpc.handle(method, async (raw) => {
      const { id, args } = raw as { id: string; args: A };
      const token = node.held.get(id);
      if (token === undefined) return { notOwner: true } satisfies Answer<T>;
      const host = await manager.get(id);
      if (!host) return { notOwner: true } satisfies Answer<T>;
      const value = await fn(host, args);
      if (unstored?.(value) && !(await node.stillOwns(id, token))) return { notOwner: true } satisfies Answer<T>;
      return { value } satisfies Answer<T>;
    });
  }
  serve<{ actor: Actor; cmd: Command }, DispatchResult>("dispatch", (h, a) => h.dispatch(a.actor, a.cmd), unstoredDispatch);
  serve<{ pid: string }, ReturnType<typeof participantMessage>>("participantView", (h, a) => participantMessage(h, a.pid, manager.clock()));
  serve<null, ReturnType<typeof adminMessage>>("adminView", (h) => {
    watched(h.id);
    return adminMessage(h, manager.clock());
  });
  serve<null, ReturnType<typeof projectorMessage>>("projectorView", (h) => {
    watched(h.id);
    return projectorMessage(h, manager.clock());
  });
  serve<null, true>("watch", (h) => (watched(h.id), true));
  serve<{ actor: Actor; command: string; payload: unknown; error: ActionError }, boolean>("logRefused", async (h, a) => (await h.logRefused(a.actor, a.command, a.payload, a.error), true));
  serve<{ req: ServerJoin }, JoinResult>("join", (_h, a) => manager.join(a.req));

  // monitors open here on sessions held elsewhere: tell the owner every few seconds that they still watch
  const keepWatching = setInterval(() => {
    for (const room of io.sockets.adapter.rooms.keys()) {
      const m = /^(admin|projector):(.+)$/.exec(room);
      if (!m) continue;
      const id = m[2]!;
      if (node.held.has(id)) continue;
      void onOwner(id, () => true, "watch", null).catch(() => undefined);
    }
  }, WATCH_MS / 3);
  keepWatching.unref();

  /** The answer, or `fallback` when the owner could not be reached in time (Redis or the database down included). */
  const safely = async <T>(run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      // an unreachable owner was logged by `unreachable` (once a minute per process)
      if (!(e instanceof PeerTimeoutError || e instanceof PeerGoneError || e instanceof SessionUnreachableError)) console.error(`cluster: ${e instanceof Error ? e.message : String(e)}`);
      return fallback;
    }
  };

  return {
    async byToken(token) {
      // no cache: a link re-issued on another process must stop working here at once
      const p = await manager.store.participantByToken(token);
      return p ? { sessionId: p.sessionId, pid: p.id } : null;
    },
    open: (id) => safely(async () => (await locate(id, Date.now() + BUDGET_MS)) !== null, false),
    dispatch: (id, actor, cmd) => safely(async () => (await onOwner(id, (h) => h.dispatch(actor, cmd), "dispatch", { actor, cmd }, BUDGET_MS, unstoredDispatch)) ?? gone(), busy()),
    participantView: (id, pid) => safely(async () => (await onOwner(id, (h) => participantMessage(h, pid, manager.clock()), "participantView", { pid })) ?? null, null),
    adminView: (id) => safely(async () => (await onOwner(id, (h) => adminMessage(h, manager.clock()), "adminView", null)) ?? null, null),
    projectorView: (id) => safely(async () => (await onOwner(id, (h) => projectorMessage(h, manager.clock()), "projectorView", null)) ?? null, null),
    async logRefused(id, actor, command, payload, error) {
      await safely(() => onOwner(id, (h) => h.logRefused(actor, command, payload, error).then(() => true), "logRefused", { actor, command, payload, error }), null);
    },
    // while presence is unchecked (after a takeover some process did not answer yet), views go to everyone
    reachElsewhere: (host, pid) => host.state.participants.get(pid)?.connected === true || node.presenceUnsettled(host.id),
    watchedElsewhere: (id) => (watchers.get(id) ?? 0) > Date.now(),
    async connectedElsewhere(pid) {
      return (await io.in(`p:${pid}`).fetchSockets().catch(() => [])).length > 0;
    },
    async join(req) {
      const row = await manager.store.byCode(normalizeRoomCode(req.code));
      if (!row) return manager.join(req); // answers "no session has this room code"
      const r = await safely(() => onOwner(row.id, () => manager.join(req), "join", { req }), null);
      return r ?? { ok: false, error: { code: "session/conflict", message: "The server is switching over; please try again in a moment." } };
    },
    onOwner,
    stop: () => clearInterval(keepWatching),
  };
}
