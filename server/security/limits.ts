/**
 * The HTTP rate limits of one server (in memory; they reset on restart).
 * - Joins per client address: bursts of 60 (a class behind one NAT), then 1 per second.
 * - Joins per room code: bursts of 200 (an online panel opening at once), then 10 per second; only joins that
 *   take a seat count (refused ones and ones that change nothing are given back: server/http/api.ts `join`).
 * - Login: exponential backoff per address (server/security/login-throttle.ts).
 * - Pages rendered per client address (everything Next answers except its static files): bursts of 600
 *   (a class of 150 behind one NAT address opening the join page and their seat page at once, with reloads),
 *   then 5 per second, at most 4 of them rendered at once (the others wait their turn); MECHLAB_PAGE_BURST,
 *   MECHLAB_PAGES_PER_SECOND and MECHLAB_PAGE_RENDERS_PER_ADDRESS change them (server/security/page-limit.ts).
 * An "address" is `limitKey` of the client's address: all addresses of one IPv6 /64 count as one.
 */
import { positiveNumbersFromEnv } from "./env-numbers";
import { limitKey } from "./client-address";
import { LoginThrottle } from "./login-throttle";
import { RenderSlots } from "./page-limit";
import { TokenBuckets, type BucketRate } from "./token-bucket";

/** Token buckets keyed by client address, grouped as every per-address limit groups them (`limitKey`). */
export class AddressBuckets extends TokenBuckets {
  override take(address: string): boolean {
    return super.take(limitKey(address));
  }

  override waitSeconds(address: string): number {
    return super.waitSeconds(limitKey(address));
  }
}

export interface HttpLimits {
  joinsPerAddress: AddressBuckets;
  joinsPerRoom: TokenBuckets;
  login: LoginThrottle;
  /** Page renders per address (server/security/page-limit.ts). */
  pagesPerAddress: AddressBuckets;
  /** Page renders in progress per address (server/security/page-limit.ts). */
  pageRenders: RenderSlots;
}

export const JOIN_RATE = { perAddress: { burst: 60, perSecond: 1 }, perRoom: { burst: 200, perSecond: 10 } } as const;

/** Page requests per client address, and how many of them are rendered at once (server/security/page-limit.ts). */
export interface PageLimits extends BucketRate {
  /** Pages of one address rendered at the same time; its further page requests wait their turn. */
  rendersAtOnce: number;
}

/** A class of 150 behind one NAT address, each loading about four pages at once; then 5 a second. */
export const DEFAULT_PAGE_LIMITS: PageLimits = { burst: 600, perSecond: 5, rendersAtOnce: 4 };
export const PAGE_LIMITS_ENV: Record<keyof PageLimits, string> = {
  burst: "MECHLAB_PAGE_BURST",
  perSecond: "MECHLAB_PAGES_PER_SECOND",
  rendersAtOnce: "MECHLAB_PAGE_RENDERS_PER_ADDRESS",
};

/** The page limits: the defaults, overridden by positive numbers in the environment; a bad value is named and ignored. */
export function pageLimitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env, warn: (line: string) => void = console.warn): PageLimits {
  return positiveNumbersFromEnv(DEFAULT_PAGE_LIMITS, PAGE_LIMITS_ENV, env, warn);
}

export function createHttpLimits(clock: () => number = Date.now, pages: PageLimits = DEFAULT_PAGE_LIMITS): HttpLimits {
  return {
    joinsPerAddress: new AddressBuckets(JOIN_RATE.perAddress, clock),
    joinsPerRoom: new TokenBuckets(JOIN_RATE.perRoom, clock),
    login: new LoginThrottle({ clock }),
    pagesPerAddress: new AddressBuckets(pages, clock),
    pageRenders: new RenderSlots(pages.rendersAtOnce),
  };
}
