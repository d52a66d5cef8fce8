/**
 * G4: every page is rendered per request (8–20 ms of the event loop each) and nothing bounded how many one
 * address asked for, so 50 page-request loops from one address added up to a second to every participant's
 * decisions. Page requests are now counted per address (burst 600, then 5/s by default): a class behind one
 * NAT address loading its pages at once is served, a loop beyond the burst gets 429 with Retry-After and a
 * small page saying how long to wait; at most a few pages of one address are rendered at once (the rest wait
 * their turn), and Next's static files, /api and other addresses are not affected.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { appOnPort } from "../testing/app-on-port";
import { createHttpLimits, DEFAULT_PAGE_LIMITS, pageLimitsFromEnv } from "./limits";
import { countsAsPage, localeOfAcceptLanguage, tooManyPagesHtml } from "./page-limit";
import { raw } from "./testing";

describe("page renders per address", () => {
  const server = appOnPort();

  async function start(rate = DEFAULT_PAGE_LIMITS) {
    let now = 0;
    const rendered: string[] = [];
    // stands in for Next: a page, or a static file
    const nextHandler = (req: IncomingMessage, res: ServerResponse) => {
      rendered.push(req.url ?? "");
      res.writeHead(200, { "content-type": "text/html" }).end("page");
    };
    const { base } = await server.start({ nextHandler, security: { trustProxy: true }, httpLimits: createHttpLimits(() => now, rate) });
    const get = (path: string, from: string, headers: Record<string, string> = {}) => raw(base, path, { headers: { "x-forwarded-for": from, ...headers } });
    return { base, get, rendered, advance: (ms: number) => (now += ms) };
  }

  it("serves a class's burst from one address, then answers 429 with Retry-After and a page saying how long to wait", async () => {
    const { get, rendered, advance } = await start();
    const nat = "198.51.100.7";
    // 150 students: the join page, their seat page, and a couple of reloads each (600 in all), all at once
    const answers = await Promise.all(Array.from({ length: DEFAULT_PAGE_LIMITS.burst }, (_, i) => get(i % 2 ? `/p/token${i}` : "/join?code=ABCDEFGH", nat)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(rendered).toHaveLength(DEFAULT_PAGE_LIMITS.burst);

    const refused = await get("/join?code=ABCDEFGH", nat);
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBe("1");
    expect(refused.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(refused.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect(refused.text).toMatch(/Too many page requests from your network\. This page reloads itself in \d+ s/);
    expect(refused.text).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(rendered).toHaveLength(DEFAULT_PAGE_LIMITS.burst);
    // in the browser's language
    const german = await get("/p/x", nat, { "accept-language": "fr;q=0.9, de-AT;q=0.8, en;q=0.1" });
    expect(german.status).toBe(429);
    expect(german.text).toContain('<html lang="de">');
    expect(german.text).toContain("Zu viele Seitenaufrufe aus Ihrem Netzwerk.");

    // one more page per 200 ms (5/s)
    advance(200);
    expect((await get("/", nat)).status).toBe(200);
    expect((await get("/", nat)).status).toBe(429);
  });

  it("does not count Next's static files or /api, nor another address's pages", async () => {
    const { get, rendered } = await start({ burst: 3, perSecond: 1, rendersAtOnce: 4 });
    const nat = "198.51.100.7";
    for (let i = 0; i < 3; i++) expect((await get("/join", nat)).status).toBe(200);
    expect((await get("/join", nat)).status).toBe(429);
    // static assets and the API still answer for the refused address
    for (const path of ["/_next/static/chunks/app/p/%5Btoken%5D/page-0123abcd.js", "/_next/static/css/a1b2.css", "/favicon.ico", "/icon.svg"])
      expect((await get(path, nat)).status, path).toBe(200);
    expect((await get("/api/health", nat)).status).toBe(200);
    // a path Next would normalise to a page is counted
    expect((await get("/_next/static/../p/x", nat)).status).toBe(429);
    expect((await get("/_next/static/%2e%2e/p/x", nat)).status).toBe(429);
    // another address is unaffected
    expect((await get("/join", "203.0.113.9")).status).toBe(200);
    expect(rendered.filter((u) => u === "/join")).toHaveLength(4);
  });

  it("HEAD beyond the bucket gets the status and headers only", async () => {
    const { base, get } = await start({ burst: 1, perSecond: 1, rendersAtOnce: 4 });
    await get("/", "198.51.100.7");
    const head = await raw(base, "/", { method: "HEAD", headers: { "x-forwarded-for": "198.51.100.7" } });
    expect(head.status).toBe(429);
    expect(head.text).toBe("");
  });

  it("renders a few pages of one address at once and queues the rest, while another address's page is rendered at once", async () => {
    const inProgress = new Map<string, number>();
    let most = 0;
    const waiting: (() => void)[] = [];
    // a render that takes until the test lets it finish
    const nextHandler = (req: IncomingMessage, res: ServerResponse) => {
      const from = String(req.headers["x-forwarded-for"]);
      inProgress.set(from, (inProgress.get(from) ?? 0) + 1);
      most = Math.max(most, inProgress.get(from)!);
      waiting.push(() => {
        inProgress.set(from, inProgress.get(from)! - 1);
        res.writeHead(200).end("page");
      });
    };
    const { base } = await server.start({ nextHandler, security: { trustProxy: true }, httpLimits: createHttpLimits(() => 0, { burst: 100, perSecond: 1, rendersAtOnce: 2 }) });
    const get = (from: string) => raw(base, "/join", { headers: { "x-forwarded-for": from } });
    const answers = Array.from({ length: 10 }, () => get("198.51.100.7"));
    await until(() => waiting.length === 2);
    const other = get("203.0.113.9");
    await until(() => waiting.length === 3);
    expect(inProgress.get("198.51.100.7")).toBe(2);
    waiting.splice(2, 1)[0]!(); // the other address's render, started while the first's wait
    expect((await other).status).toBe(200);
    for (let i = 0; i < 10; i++) {
      await until(() => waiting.length > 0);
      expect(inProgress.get("198.51.100.7")).toBeLessThanOrEqual(2);
      waiting.shift()!();
    }
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual(new Array(10).fill(200));
    expect(most).toBe(2);
  });
});

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("page limit pieces", () => {
  it("reads the rate from the environment, naming and ignoring bad values", () => {
    const warnings: string[] = [];
    expect(pageLimitsFromEnv({ MECHLAB_PAGE_BURST: "5000", MECHLAB_PAGES_PER_SECOND: "50" })).toEqual({ ...DEFAULT_PAGE_LIMITS, burst: 5000, perSecond: 50 });
    expect(pageLimitsFromEnv({ MECHLAB_PAGE_RENDERS_PER_ADDRESS: "16" }).rendersAtOnce).toBe(16);
    expect(pageLimitsFromEnv({ MECHLAB_PAGE_BURST: "lots", MECHLAB_PAGES_PER_SECOND: "-1" }, (l: string) => warnings.push(l))).toEqual(DEFAULT_PAGE_LIMITS);
    expect(warnings).toEqual([
      "mechlab: MECHLAB_PAGE_BURST=lots is not a positive number; using 600",
      "mechlab: MECHLAB_PAGES_PER_SECOND=-1 is not a positive number; using 5",
    ]);
  });

  it("counts everything but Next's static files", () => {
    for (const path of ["/", "/join", "/p/abc", "/admin/sessions/x", "/_next/image", "/_next/static/../p/x", "/_next/static/%2E%2E/p", "/_next/static//x", "/_next/static/..\\p", "/favicon.ico/x"])
      expect(countsAsPage(path), path).toBe(true);
    for (const path of ["/_next/static/chunks/main-app.js", "/_next/static/media/a.woff2", "/favicon.ico", "/icon.svg"]) expect(countsAsPage(path), path).toBe(false);
  });

  it("picks the page's language from Accept-Language by q value", () => {
    expect(localeOfAcceptLanguage(undefined)).toBe("en");
    expect(localeOfAcceptLanguage("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(localeOfAcceptLanguage("en;q=0.5, de;q=0.9")).toBe("de");
    expect(localeOfAcceptLanguage("fr, es;q=0.5")).toBe("en");
    expect(localeOfAcceptLanguage("de;q=0, en")).toBe("en");
    expect(tooManyPagesHtml("en", 12)).toContain('content="12"');
  });
});
