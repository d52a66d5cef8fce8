/**
 * Socket acknowledgements as promises. A missing answer (connection lost) becomes an error the
 * person can act on; the caller keeps the clientActionId so pressing the button again is idempotent.
 */
import type { Wording } from "@/lib/i18n/refusal";

export interface ClientError {
  code: string;
  /** The English sentence (shown as is when there is no wording). */
  message: string;
  field?: string;
  /** The message key and values the page words in the participant's language (lib/i18n/refusal.ts). */
  wording?: Wording;
  /** A message per field when a form is refused as a whole (the exit survey: per question id). */
  fields?: Record<string, string>;
  /** The wording of each message in `fields`. */
  fieldWordings?: Record<string, Wording>;
}

export type ClientAck<T> = { ok: true; data: T } | { ok: false; error: ClientError };

export const NO_ANSWER: ClientError = {
  code: "net/no_answer",
  message: "No answer from the server yet. Check your connection and press the button again; nothing is counted twice.",
  wording: { key: "noAnswer" },
};

/** Wrap an emit-with-ack (socket.timeout(ms).emit(...)) callback style into a promise. */
export function ackPromise<T>(send: (cb: (err: unknown, res: ClientAck<T>) => void) => void): Promise<ClientAck<T>> {
  return new Promise((resolve) => {
    send((err, res) => resolve(err || !res ? { ok: false, error: NO_ANSWER } : res));
  });
}

/** A fresh random id for one intended action (reused when the same intent is retried). */
export function newActionId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `a-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** How many times one press sends an intent that got no answer (same clientActionId each time). */
export const SEND_ATTEMPTS = 3;

/**
 * Send an intent, and send it again with the same clientActionId while no answer comes back (the
 * connection dropped, or the server that held the session died and another one takes it over): the
 * server counts an id once, so a resend never decides twice. Any answer, accepted or refused, ends it;
 * after `attempts` sends without an answer the person is told to press again.
 */
export async function sendWithResend<T>(send: () => Promise<ClientAck<T>>, attempts = SEND_ATTEMPTS): Promise<ClientAck<T>> {
  let r = await send();
  for (let k = 1; k < attempts && !r.ok && r.error.code === NO_ANSWER.code; k++) r = await send();
  return r;
}
