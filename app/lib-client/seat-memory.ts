/**
 * The browser remembers the personal link of each room it joined, so joining again with the same label
 * from the same browser brings the seat back (another browser with that label is refused by the server).
 */
import { normalizeRoomCode } from "../../lib/protocol/room-code";

/** Stored under the code as the server reads it: "abcd efgh", "ABCD-EFGH" and "ABCDEFGH" are one room. */
const key = (code: string) => `mechlab:seat:${normalizeRoomCode(code)}`;
/** Where links were stored before (the code as typed, only trimmed and in capitals). */
const typedKey = (code: string) => `mechlab:seat:${code.trim().toUpperCase()}`;

export function rememberSeat(code: string, token: string) {
  try {
    window.localStorage.setItem(key(code), token);
  } catch {
    /* storage blocked (private mode): the seat is then only reachable by its link */
  }
}

export function rememberedSeat(code: string): string | undefined {
  try {
    return window.localStorage.getItem(key(code)) ?? window.localStorage.getItem(typedKey(code)) ?? undefined;
  } catch {
    return undefined;
  }
}
