/**
 * Room codes: 8 characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), typed on a
 * phone in one go (shown as "ABCD-EFGH"; spaces and dashes are ignored when typed). 31^8 ≈ 8.5·10^11
 * codes; see docs/security.md for the expected number of guesses at the allowed join rate.
 */
import { randomInt } from "node:crypto";

export { normalizeRoomCode } from "../../lib/protocol/room-code";

export const ROOM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const ROOM_CODE_LENGTH = 8;

export function randomRoomCode(length = ROOM_CODE_LENGTH): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return s;
}

/** "ABCDEFGH" → "ABCD-EFGH" for display (shorter, older codes unchanged). */
export function displayRoomCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
