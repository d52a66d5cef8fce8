/**
 * The HTTP rate limits of one server (in memory; they reset on restart).
 * - Joins per client address: bursts of 60 (a class behind one NAT), then 1 per second.
 * - Joins per room code: bursts of 200 (an online panel opening at once), then 10 per second.
 * - Login: exponential backoff per address (server/security/login-throttle.ts).
 * An "address" is `limitKey` of the client's address: all addresses of one IPv6 /64 count as one.
 */
import { limitKey } from "./client-address";
import { LoginThrottle } from "./login-throttle";
import { TokenBuckets } from "./token-bucket";

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
}

export const JOIN_RATE = { perAddress: { burst: 60, perSecond: 1 }, perRoom: { burst: 200, perSecond: 10 } } as const;

export function createHttpLimits(clock: () => number = Date.now): HttpLimits {
  return {
    joinsPerAddress: new AddressBuckets(JOIN_RATE.perAddress, clock),
    joinsPerRoom: new TokenBuckets(JOIN_RATE.perRoom, clock),
    login: new LoginThrottle({ clock }),
  };
}
