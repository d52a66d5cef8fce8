/**
 * Per-session bound on what refused commands may add to the event log. Accepted commands are always
 * stored (their payloads passed the game's schema; each is still cut at 4 KiB). Refused ones and
 * duplicates are stored while the session's budget lasts; beyond it each is a compact record with
 * the original size, its hash and how many were compacted so far.
 */
import { boundPayload, sha256Hex } from "./event-payload";

/** Payload bytes of refused commands stored in full per session (and per server start). */
export const REFUSED_PAYLOAD_BUDGET_BYTES = 512 * 1024;

export class EventLogBudget {
  private spent = 0;
  /** Refused commands whose payload was compacted because the budget was used up. */
  compacted = 0;

  constructor(private readonly budgetBytes = REFUSED_PAYLOAD_BUDGET_BYTES) {}

  /** The payload JSON to store for one event. */
  payloadJson(payload: unknown, accepted: boolean): string {
    const b = boundPayload(payload);
    if (accepted) return b.json;
    const size = Buffer.byteLength(b.json, "utf8");
    if (this.spent + size <= this.budgetBytes) {
      this.spent += size;
      return b.json;
    }
    this.compacted++;
    return JSON.stringify({
      $omitted: {
        reason: `this session's log budget for refused input (${this.budgetBytes} bytes) is used up`,
        bytes: b.bytes,
        sha256: b.sha256 ?? sha256Hex(b.json),
        compactedSoFar: this.compacted,
      },
    });
  }
}
