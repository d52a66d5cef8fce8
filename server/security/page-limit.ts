/**
 * Page renders per client address. Every page is rendered per request (the CSP nonce, server/security/headers.ts)
 * at about 8–20 ms of the one event loop each, so one address requesting pages in a loop slowed every
 * participant's decisions by up to a second. Each page request that reaches Next costs a token of its address
 * (`HttpLimits.pagesPerAddress`, default burst 600 then 5/s, server/security/limits.ts); Next's static files
 * (`/_next/static/…`, the icons) do not, nor do /api and Socket.IO, which never reach this point. Beyond the
 * bucket the answer is 429 with Retry-After and a tiny static page, in the browser's language, that says how
 * long to wait and reloads itself then. Within the bucket, at most `rendersAtOnce` (default 4) pages of one
 * address are rendered at the same time and the rest wait their turn (`RenderSlots`): the event loop serves
 * everyone between renders, so a burst from one address (a class, or a script spending its burst) delays
 * other participants' messages by a few renders instead of by all of them.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../lib/i18n/locales";
import { translatorFor } from "../../lib/i18n/translate";
import { limitKey } from "./client-address";
import { waitText } from "./wait-text";

/** Files Next serves as they are (built once), which cost no render. */
const STATIC_FILES = new Set(["/favicon.ico", "/icon.svg"]);

/**
 * Whether a request for `path` (as sent, no query) costs a page token: everything Next answers but its static
 * files. A path with a dot segment, an encoded dot or slash, a backslash or an empty segment counts: Next
 * normalises `/_next/static/../p/x` to the page `/p/x`.
 */
export function countsAsPage(path: string): boolean {
  if (STATIC_FILES.has(path)) return false;
  return !path.startsWith("/_next/static/") || /\/\.|%2e|%2f|%5c|\\|\/\//i.test(path);
}

/** The first language of an Accept-Language header (by its q values) that mechlab has a catalogue for, else English. */
export function localeOfAcceptLanguage(header: string | undefined): Locale {
  const tags = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)).find(Boolean);
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q[1]) : 1, i };
    })
    .filter((t) => t.q > 0 && Number.isFinite(t.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return tags.map((t) => t.base).find(isLocale) ?? DEFAULT_LOCALE;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 429 page: one sentence in `locale`, and a reload after `seconds`. */
export function tooManyPagesHtml(locale: Locale, seconds: number): string {
  const sentence = translatorFor(locale)("refusals.tooManyPages", { wait: waitText(seconds * 1000) });
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="${seconds}"><title>429</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><p>${escapeHtml(sentence)}</p></body></html>`;
}

/**
 * Answer a page request beyond its address's bucket: 429, Retry-After (seconds until a token is back),
 * and the page. The page reloads itself a little later than that, by up to `spreadSeconds` more (chosen per
 * answer), so a class refused at once does not come back at once; it shows the seconds it waits.
 */
export function refusePage(req: IncomingMessage, res: ServerResponse, retryAfterSeconds: number, spreadSeconds = 10, random: () => number = Math.random): void {
  const retry = Math.max(1, Math.ceil(retryAfterSeconds));
  const shown = retry + Math.floor(random() * (spreadSeconds + 1));
  const body = req.method === "HEAD" ? "" : tooManyPagesHtml(localeOfAcceptLanguage(req.headers["accept-language"] as string | undefined), shown);
  res.writeHead(429, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": String(retry) });
  res.end(body);
}


/**
 * At most `perAddress` page renders in progress per address (by `limitKey`); further ones wait, first come
 * first served. Renders are CPU-bound on the one event loop, so waiting costs the address no throughput,
 * while everyone else's messages get served between a few renders instead of after all of them.
 */
export class RenderSlots {
  private readonly byKey = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(readonly perAddress: number) {}

  /** Resolves when a render of `address` may start; the function it gives must be called once the answer is done. */
  acquire(address: string): Promise<() => void> {
    const key = limitKey(address);
    let slot = this.byKey.get(key);
    if (!slot) this.byKey.set(key, (slot = { active: 0, waiting: [] }));
    const s = slot;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = s.waiting.shift();
      if (next) next();
      else if (--s.active === 0) this.byKey.delete(key);
    };
    if (s.active < this.perAddress) {
      s.active++;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => s.waiting.push(() => resolve(release)));
  }

  /** Renders in progress and waiting for an address (tests). */
  load(address: string): { active: number; waiting: number } {
    const s = this.byKey.get(limitKey(address));
    return { active: s?.active ?? 0, waiting: s?.waiting.length ?? 0 };
  }
}
