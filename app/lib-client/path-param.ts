/**
 * A dynamic segment of a page's address (`/p/<token>`, `/admin/sessions/<id>`), which Next hands over
 * still %-encoded, decoded. One that does not decode (a malformed %-escape) is kept as it came instead
 * of failing the page with a 500. (The server already hands Next such an address with its `%` signs taken
 * literally, server/app.ts `literalPercents`: `/p/%E0%A4%A` arrives here as `%25E0%25A4%25A` and gives
 * `%E0%A4%A`.) No link token or session id contains a `%`, so the page shows what it shows for any
 * unknown one ("This link is not valid. …").
 */
export function pathParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
