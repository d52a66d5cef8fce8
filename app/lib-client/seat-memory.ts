/**
 * The browser remembers the personal link of each room it joined, so joining again with the same label
 * from the same browser brings the seat back (another browser with that label is refused by the server).
 */
const key = (code: string) => `mechlab:seat:${code.trim().toUpperCase()}`;

export function rememberSeat(code: string, token: string) {
  try {
    window.localStorage.setItem(key(code), token);
  } catch {
    /* storage blocked (private mode): the seat is then only reachable by its link */
  }
}

export function rememberedSeat(code: string): string | undefined {
  try {
    return window.localStorage.getItem(key(code)) ?? undefined;
  } catch {
    return undefined;
  }
}
