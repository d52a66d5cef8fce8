/**
 * The session list's study-export links. Chosen sessions travel in the link (`sessions=id1,id2,…`), and
 * a server refuses a request line longer than its header limit (Node: 16 KB, proxies often 8 KB) with a
 * bare error the browser shows as a failed download; so past a safe length the list says what to do.
 */

/** Longest `sessions=` value the links carry (about 200 session ids). */
export const MAX_SESSION_IDS_CHARS = 7_500;

export type StudyLinks = { ok: true; query: string } | { ok: false; message: string };

/** The query naming these sessions, or why there is none. */
export function chosenSessionsQuery(ids: readonly string[]): StudyLinks {
  const value = encodeURIComponent(ids.join(","));
  if (value.length <= MAX_SESSION_IDS_CHARS) return { ok: true, query: `sessions=${value}` };
  const fit = Math.floor(ids.length * (MAX_SESSION_IDS_CHARS / value.length));
  return {
    ok: false,
    message: `${ids.length} sessions are too many for one download link: export every session of their treatment below, or choose at most ${fit} at a time.`,
  };
}
