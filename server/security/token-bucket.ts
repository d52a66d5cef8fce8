/**
 * Token buckets keyed by a name (a participant id, an address): each key may spend `burst` at once
 * and regains `perSecond` per second. Idle keys are forgotten, so memory stays bounded.
 */
export interface BucketRate {
  perSecond: number;
  burst: number;
}

export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: BucketRate,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Spend one token of `key`; false when it has none left (the caller refuses the request). */
  take(key: string): boolean {
    const now = this.clock();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.forgetFull(now);
      b = { tokens: this.rate.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.rate.burst, b.tokens + ((now - b.at) / 1000) * this.rate.perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Give back a token `take` spent (the request it paid for turned out not to count). */
  giveBack(key: string): void {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.rate.burst, b.tokens + 1);
  }

  /** Seconds until `key` has a token again (0 when it has one). */
  waitSeconds(key: string): number {
    const b = this.buckets.get(key);
    if (!b) return 0;
    const tokens = Math.min(this.rate.burst, b.tokens + ((this.clock() - b.at) / 1000) * this.rate.perSecond);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.rate.perSecond);
  }

  private forgetFull(now: number) {
    for (const [k, b] of this.buckets)
      if (b.tokens + ((now - b.at) / 1000) * this.rate.perSecond >= this.rate.burst) this.buckets.delete(k);
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
