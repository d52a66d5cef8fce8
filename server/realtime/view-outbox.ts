/**
 * The participants' views on their way out (server/realtime/sockets.ts). A view is sent when it shows
 * something new compared with the last one sent to that participant (server/realtime/view-change.ts),
 * at once — except a change of the group's progress alone ("2 of 4 still to decide", "3 of 4 here"):
 * that view is held back for `holdMs` and then built again and sent, so the changes of that window
 * (another member deciding, the phase ending) go out as one message. Any other change of the
 * participant's view (their own decision, a new phase, a deadline) is sent at once and replaces the
 * held one; the held view is always sent in the end unless a newer one went out first.
 *
 * Why: in a group of n, each decision used to send each other member a whole new view only to move the
 * count; in the load benchmark most of the server's CPU went into sending messages (docs/benchmarks.md).
 */
import { viewChange, type SentView } from "./view-change";

/**
 * How long a progress-only change waits for the next change before it is sent (ms). A second: counts
 * that move within a second of each other go out once (with 250 ms the load benchmark's sessions sent
 * about 9,200 progress views, with 1 s about 3,000; docs/benchmarks.md), and a count a second late is
 * still live for a person waiting for others.
 */
export const PROGRESS_HOLD_MS = 1000;

interface Held<V> {
  due: number;
  /** Builds the participant's view as of the moment it is sent (null: no view any more). */
  rebuild: () => V | null;
}

export class ViewOutbox<V extends SentView = SentView> {
  private readonly last = new Map<string, V>();
  /** Held views by participant, in the order they are due (one delay for all, first hold kept). */
  private readonly held = new Map<string, Held<V>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (pid: string, sent: V) => void,
    readonly holdMs = PROGRESS_HOLD_MS,
  ) {}

  /** The participant's view changed (maybe): send it, hold it, or drop it. */
  offer(pid: string, next: V, rebuild: () => V | null): void {
    const last = this.last.get(pid);
    const change = last ? viewChange(last, next) : "more";
    if (change === "none") {
      this.held.delete(pid); // back to what they see (e.g. a count that went down and up again)
      return;
    }
    if (change === "progress" && this.holdMs > 0) {
      const h = this.held.get(pid);
      if (h) h.rebuild = rebuild;
      else {
        this.held.set(pid, { due: performance.now() + this.holdMs, rebuild });
        this.arm();
      }
      return;
    }
    this.held.delete(pid);
    this.last.set(pid, next);
    this.send(pid, next);
  }

  /** The view last sent to the participant (undefined: none since they connected). */
  lastSent(pid: string): V | undefined {
    return this.last.get(pid);
  }

  /** Forget what was sent to the participant (a new connection gets a whole view). */
  forget(pid: string): void {
    this.last.delete(pid);
    this.held.delete(pid);
  }

  /** Participants whose last view is remembered (each is forgotten when their last socket here closes). */
  get size(): number {
    return this.last.size;
  }

  /** Views held back right now (for tests). */
  get heldCount(): number {
    return this.held.size;
  }

  private arm(): void {
    if (this.timer) return;
    const first = this.held.values().next();
    if (first.done) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, first.value.due - performance.now()));
    this.timer.unref();
  }

  private flush(): void {
    this.timer = null;
    const now = performance.now();
    for (const [pid, h] of this.held) {
      if (h.due > now) break;
      this.held.delete(pid);
      const next = h.rebuild();
      if (!next) continue;
      const last = this.last.get(pid);
      if (last && viewChange(last, next) === "none") continue;
      this.last.set(pid, next);
      this.send(pid, next);
    }
    this.arm();
  }
}
