/**
 * Login throttling per client address with exponential backoff: the first `freeFailures` wrong passwords
 * cost nothing; each further one locks the address for base·2^k (capped), and a success clears it.
 * At most `maxInFlight` attempts per address are checked at once. Failures older than `forgetMs` are forgotten.
 * Addresses are counted by `limitKey`: all addresses of one IPv6 /64 share one entry.
 */
import { limitKey } from "./client-address";

export type Admission = { ok: true } | { ok: false; retryAfterMs: number; reason: "locked" | "busy" };

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
  inFlight: number;
}

export interface ThrottleOptions {
  freeFailures?: number;
  baseMs?: number;
  maxMs?: number;
  maxInFlight?: number;
  forgetMs?: number;
  maxKeys?: number;
  clock?: () => number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly o: Required<ThrottleOptions>;

  constructor(opts: ThrottleOptions = {}) {
    this.o = {
      freeFailures: 5,
      baseMs: 1000,
      maxMs: 15 * 60_000,
      maxInFlight: 2,
      forgetMs: 3600_000,
      maxKeys: 50_000,
      clock: Date.now,
      ...opts,
    };
  }

  private entry(key: string, now: number): Entry {
    let e = this.entries.get(key);
    if (e && e.inFlight === 0 && e.lockedUntil <= now && now - e.lastFailure > this.o.forgetMs) e = undefined;
    if (!e) {
      e = { failures: 0, lockedUntil: 0, lastFailure: 0, inFlight: 0 };
      this.entries.set(key, e);
      if (this.entries.size > this.o.maxKeys) this.prune(now);
    }
    return e;
  }

  /**
   * Whether `begin` would refuse `addr` now, without counting anything: asked before the request body
   * is even read, so a locked-out address costs no parsing.
   */
  check(addr: string): Admission {
    const now = this.o.clock();
    // an entry is not created here: a request that is refused later (bad body) leaves no trace
    const e = this.entries.get(limitKey(addr));
    return (e && this.refusal(e, now)) ?? { ok: true };
  }

  /** Ask before checking a password; call `end` afterwards whenever this returned ok. */
  begin(addr: string): Admission {
    const now = this.o.clock();
    const e = this.entry(limitKey(addr), now);
    const refused = this.refusal(e, now);
    if (refused) return refused;
    e.inFlight++;
    return { ok: true };
  }

  private refusal(e: Entry, now: number): Admission | null {
    if (e.lockedUntil > now) return { ok: false, retryAfterMs: e.lockedUntil - now, reason: "locked" };
    if (e.inFlight >= this.o.maxInFlight) return { ok: false, retryAfterMs: 1000, reason: "busy" };
    return null;
  }

  end(addr: string, outcome: "success" | "failure" | "not_checked"): void {
    const now = this.o.clock();
    const e = this.entry(limitKey(addr), now);
    e.inFlight = Math.max(0, e.inFlight - 1);
    if (outcome === "success") {
      e.failures = 0;
      e.lockedUntil = 0;
    } else if (outcome === "failure") {
      e.failures++;
      e.lastFailure = now;
      const over = e.failures - this.o.freeFailures;
      if (over > 0) e.lockedUntil = now + Math.min(this.o.maxMs, this.o.baseMs * 2 ** Math.min(over - 1, 30));
    }
  }

  private prune(now: number) {
    for (const [k, e] of this.entries) if (e.inFlight === 0 && e.lockedUntil <= now) this.entries.delete(k);
  }
}
