/**
 * Limits of the realtime side: how often one participant may send intents, how many sockets one
 * link and one network address may hold open, how often a link may (re)connect, and the largest
 * message a client may send. Defaults suit a classroom behind one NAT address; each can be changed
 * with an environment variable (docs/security.md). A network address is counted by `limitKey`: all
 * addresses of one IPv6 /64 count as one.
 */
import { positiveNumbersFromEnv } from "../security/env-numbers";
import { worded } from "../../lib/i18n/refusal";
import { limitKey } from "../security/client-address";
import { TokenBuckets } from "../security/token-bucket";

type Worded = ReturnType<typeof worded>;

export interface RealtimeLimits {
  /** Intents (p:action, p:intro, p:survey, p:sync) per second per participant, sustained. */
  intentsPerSecond: number;
  /** Intents a participant may send at once before the sustained rate applies. */
  intentBurst: number;
  /** Sockets open at once per participant link (tabs, devices). */
  socketsPerLink: number;
  /** Sockets open at once per network address (a classroom behind NAT shares one). */
  socketsPerAddress: number;
  /**
   * Connections per network address that have not finished the Socket.IO handshake yet (each holds a
   * file descriptor until it does or `CONNECT_TIMEOUT_MS` passes); more are closed at once.
   */
  handshakesPerAddress: number;
  /** Connections per minute per link (reconnect storms). */
  connectsPerLinkPerMinute: number;
  /** Largest inbound Socket.io message, bytes (socket.io `maxHttpBufferSize`). */
  maxMessageBytes: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  intentsPerSecond: 5,
  intentBurst: 30,
  socketsPerLink: 8,
  socketsPerAddress: 400,
  handshakesPerAddress: 400,
  connectsPerLinkPerMinute: 60,
  maxMessageBytes: 64 * 1024,
};

const ENV: Record<keyof RealtimeLimits, string> = {
  intentsPerSecond: "MECHLAB_INTENTS_PER_SECOND",
  intentBurst: "MECHLAB_INTENT_BURST",
  socketsPerLink: "MECHLAB_SOCKETS_PER_LINK",
  socketsPerAddress: "MECHLAB_SOCKETS_PER_ADDRESS",
  handshakesPerAddress: "MECHLAB_HANDSHAKES_PER_ADDRESS",
  connectsPerLinkPerMinute: "MECHLAB_CONNECTS_PER_LINK_PER_MINUTE",
  maxMessageBytes: "MECHLAB_MAX_MESSAGE_BYTES",
};

/** The defaults, overridden by positive numbers in the environment; a bad value is named and ignored. */
export function realtimeLimitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env, warn: (line: string) => void = console.warn): RealtimeLimits {
  return positiveNumbersFromEnv(DEFAULT_REALTIME_LIMITS, ENV, env, warn);
}

/** How long a connection may take to send the Socket.IO handshake after it opened (socket.io `connectTimeout`; its default is 45 s). */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Book-keeping of the limits for one Socket.io server. */
export class RealtimeGuard {
  private readonly intents: TokenBuckets;
  private readonly connects: TokenBuckets;
  private readonly perAddress = new Map<string, number>();
  private readonly perLink = new Map<string, number>();
  /** Per address (by `limitKey`), the connections waiting for their handshake, oldest first. */
  private readonly handshaking = new Map<string, Set<object>>();
  private readonly refused = new Map<string, { count: number; loggedAt: number }>();

  constructor(
    readonly limits: RealtimeLimits,
    private readonly clock: () => number = Date.now,
  ) {
    this.intents = new TokenBuckets({ perSecond: limits.intentsPerSecond, burst: limits.intentBurst }, clock);
    this.connects = new TokenBuckets({ perSecond: limits.connectsPerLinkPerMinute / 60, burst: Math.max(1, Math.min(limits.connectsPerLinkPerMinute, 20)) }, clock);
  }

  /** Whether participant `pid` may send one more intent now. */
  allowIntent(pid: string): boolean {
    return this.intents.take(pid);
  }

  /** The message for an intent over the limit. */
  intentRefusal(pid: string): Worded {
    return worded("tooManyMessages", { seconds: Math.max(1, this.intents.waitSeconds(pid)) });
  }

  /**
   * Count a refused intent of `pid`. Returns how many to log now (the first at once, then one summary
   * per 10 s), or null: a flood costs at most one event-log row per participant per 10 s.
   */
  noteRefused(pid: string): number | null {
    const now = this.clock();
    const r = this.refused.get(pid);
    if (!r || now - r.loggedAt >= 10_000) {
      const count = (r?.count ?? 0) + 1;
      this.refused.set(pid, { count: 0, loggedAt: now });
      if (this.refused.size > 100_000) this.refused.clear();
      return count;
    }
    r.count++;
    return null;
  }

  /**
   * Admit a socket from `address` (and for participant `pid`); returns a refusal message, or null and
   * counts it until `release` is called with the same arguments.
   */
  admit(address: string, pid: string | null): Worded | null {
    const key = limitKey(address);
    if ((this.perAddress.get(key) ?? 0) >= this.limits.socketsPerAddress) return worded("tooManyConnections");
    if (pid !== null) {
      const open = this.perLink.get(pid) ?? 0;
      if (open >= this.limits.socketsPerLink) return worded("linkOpenElsewhere", { open });
      if (!this.connects.take(pid)) return worded("reconnectedTooOften");
      this.perLink.set(pid, open + 1);
    }
    this.perAddress.set(key, (this.perAddress.get(key) ?? 0) + 1);
    return null;
  }

  release(address: string, pid: string | null) {
    decrement(this.perAddress, limitKey(address));
    if (pid !== null) decrement(this.perLink, pid);
  }

  /**
   * A connection from `address` opened and has not sent its Socket.IO handshake yet: counted until
   * `endHandshake`. When that address already holds `handshakesPerAddress` such connections, the oldest of
   * them is returned, no longer counted, to be closed: a browser sends its handshake within milliseconds
   * of connecting, so the connections that wait longest are those that never will, and refusing the
   * newest instead let one client that held the address's places shut out everyone behind it (a class
   * behind one NAT address, the experimenter's monitor).
   */
  beginHandshake<C extends object>(address: string, conn: C): C | null {
    const key = limitKey(address);
    let waiting = this.handshaking.get(key);
    if (!waiting) this.handshaking.set(key, (waiting = new Set()));
    let oldest: C | null = null;
    if (waiting.size >= this.limits.handshakesPerAddress) {
      // every connection of one address's set came through here with the same type C (one caller per guard)
      oldest = (waiting.values().next().value as C | undefined) ?? null;
      if (oldest) waiting.delete(oldest);
    }
    waiting.add(conn);
    return oldest;
  }

  /** The connection's handshake arrived, or it closed before. */
  endHandshake(address: string, conn: object) {
    const key = limitKey(address);
    const waiting = this.handshaking.get(key);
    if (!waiting) return;
    waiting.delete(conn);
    if (waiting.size === 0) this.handshaking.delete(key);
  }

  /** Connections from `address` waiting for their handshake (for tests). */
  handshakesFrom(address: string): number {
    return this.handshaking.get(limitKey(address))?.size ?? 0;
  }

  /** Sockets counted for `address` (for tests and the monitor). */
  openFrom(address: string): number {
    return this.perAddress.get(limitKey(address)) ?? 0;
  }
}

function decrement(m: Map<string, number>, key: string) {
  const n = (m.get(key) ?? 1) - 1;
  if (n <= 0) m.delete(key);
  else m.set(key, n);
}
