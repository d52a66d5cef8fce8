"use client";
/**
 * Counts a server-given `remainingMs` down from the moment the message arrived, on the monotonic
 * performance.now() clock (never the wall clock, which may be wrong on the participant's device).
 */
import { useEffect, useState } from "react";

export function useCountdown(remainingMs: number | null, receivedAt: number, running: boolean): number | null {
  const [now, setNow] = useState(() => (typeof performance !== "undefined" ? performance.now() : 0));
  useEffect(() => {
    if (remainingMs === null || !running) return;
    setNow(performance.now());
    const t = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(t);
  }, [remainingMs, receivedAt, running]);
  if (remainingMs === null) return null;
  if (!running) return remainingMs;
  return Math.max(0, remainingMs - Math.max(0, now - receivedAt));
}

/** 75_300 → "1:16" (rounded up so the display reaches 0:00 exactly at the deadline). */
export function formatMs(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
