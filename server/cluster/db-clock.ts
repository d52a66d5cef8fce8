/**
 * The time of several processes: the database's clock. A session's deadlines are absolute times
 * (lib/engine/rounds.ts: `deadlineMs = now + duration`); the process that takes a session over after its
 * owner died counts them on its own clock. If the machines' clocks differ by S seconds, every running phase
 * would end S seconds early or late at a takeover. So every process of a cluster reads the time as its own
 * clock plus its offset to PostgreSQL's clock (`clock_timestamp()`), measured at start and again every
 * minute; the leases already expire by that clock (server/cluster/lease.ts). A process whose clock differs
 * from the database's by more than a second says so in its log.
 */

/** One reading of the database's clock (ms since 1970). */
export type ReadDatabaseMs = () => Promise<number>;

/** The database's clock in milliseconds since 1970, as SQL. */
export const DATABASE_NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::float8`;

/** Readings per measurement: the one with the shortest round trip is kept (least queueing on either side). */
const SAMPLES = 5;
/** An offset this large is reported (the machines' clocks should be synchronised, e.g. by NTP). */
export const REPORT_OFFSET_MS = 1000;
/** A new measurement that differs from the offset in use by less than this is ignored (noise of the round trip). */
const KEEP_WITHIN_MS = 20;
/** How often the offset is measured again. */
export const REMEASURE_MS = 60_000;

export interface Offset {
  /** Database time minus this machine's time, ms. */
  offsetMs: number;
  /** The round trip of the reading it came from, ms: the offset is right to within half of it. */
  roundTripMs: number;
}

/**
 * The offset of the database's clock against `localNow`: `SAMPLES` readings, each taken as the middle of
 * its round trip; the one with the shortest round trip wins.
 */
export async function measureOffset(read: ReadDatabaseMs, localNow: () => number): Promise<Offset> {
  let best: Offset | null = null;
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = localNow();
    const db = await read();
    const t1 = localNow();
    if (!Number.isFinite(db)) throw new Error(`the database's clock gave ${String(db)}`);
    const sample = { offsetMs: db - (t0 + t1) / 2, roundTripMs: t1 - t0 };
    if (!best || sample.roundTripMs < best.roundTripMs) best = sample;
  }
  return best!;
}

function describe(offsetMs: number): string {
  const s = (Math.abs(offsetMs) / 1000).toFixed(1);
  return offsetMs > 0 ? `${s} s behind the database's` : `${s} s ahead of the database's`;
}

export class DatabaseClock {
  private offsetMs = 0;
  private reported = false;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly read: ReadDatabaseMs,
    private readonly localNow: () => number,
    private readonly log: (line: string) => void,
  ) {}

  /** Measures the offset once (a failure is thrown: the process cannot keep deadlines with others), then every `REMEASURE_MS`. */
  static async start(read: ReadDatabaseMs, log: (line: string) => void, localNow: () => number = Date.now, remeasureMs = REMEASURE_MS): Promise<DatabaseClock> {
    const clock = new DatabaseClock(read, localNow, log);
    await clock.measure();
    if (remeasureMs > 0) {
      clock.timer = setInterval(() => void clock.measure().catch((e: Error) => log(`cluster: could not read the database's clock (${e.message}); keeping the offset of ${Math.round(clock.offsetMs)} ms`)), remeasureMs);
      clock.timer.unref();
    }
    return clock;
  }

  /** The time by the database's clock, ms since 1970 (the clock of every session of this process). */
  readonly now = (): number => this.localNow() + this.offsetMs;

  /** The offset in use: database time minus this machine's time, ms. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Measure again; the offset changes only when it moved by more than the noise of a reading. */
  async measure(): Promise<void> {
    const m = await measureOffset(this.read, this.localNow);
    // whole milliseconds: every time of a session (deadlines, stored times) stays an integer, as with Date.now
    if (Math.abs(m.offsetMs - this.offsetMs) >= KEEP_WITHIN_MS) this.offsetMs = Math.round(m.offsetMs);
    const far = Math.abs(this.offsetMs) > REPORT_OFFSET_MS;
    if (far && !this.reported)
      this.log(
        `cluster: this machine's clock is ${describe(this.offsetMs)}; this process counts deadlines by the database's clock, ` +
          `so the session's phases end on time whichever process runs them, but synchronise the machines' clocks (NTP, chrony) all the same`,
      );
    if (!far && this.reported) this.log(`cluster: this machine's clock is within ${REPORT_OFFSET_MS / 1000} s of the database's again`);
    this.reported = far;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
