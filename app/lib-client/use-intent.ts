"use client";
/**
 * Sends one intended game action and remembers its clientActionId until the server has answered,
 * so pressing the button again after a lost answer resends the SAME id (the server counts it once).
 * A new intent (different key, e.g. a different number typed) gets a fresh id. A send that got no answer
 * is sent again by itself a few times first (ack.ts `sendWithResend`), e.g. across a server takeover.
 */
import { useCallback, useRef, useState } from "react";
import { NO_ANSWER, newActionId, sendWithResend, type ClientAck, type ClientError } from "./ack";

export type ActAck = ClientAck<{ version: number; duplicate: boolean }>;
/** Sends one action of type `A` (the actions the current phase accepts, for a typed game UI). */
export type ActFn<A = unknown> = (action: A, clientActionId: string) => Promise<ActAck>;

export function useIntent<A>(act: ActFn<A>) {
  const pending = useRef<{ key: string; id: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  const send = useCallback(
    async (key: string, action: A) => {
      if (!pending.current || pending.current.key !== key) pending.current = { key, id: newActionId() };
      setBusy(true);
      setError(null);
      const id = pending.current.id;
      // an unanswered send goes again by itself (same id, counted once) before the person is asked to press again
      const r = await sendWithResend(() => act(action, id));
      setBusy(false);
      if (r.ok) pending.current = null;
      else {
        if (r.error.code !== NO_ANSWER.code) pending.current = null;
        setError(r.error);
      }
      return r;
    },
    [act],
  );

  return { send, busy, error, setError };
}
