/** What a person typed as a room code → its stored form: upper case, without spaces and dashes ("abcd-efgh" is "ABCDEFGH"). */
export function normalizeRoomCode(typed: string): string {
  return typed.replace(/[\s-]+/g, "").toUpperCase();
}
