/**
 * Redis errors while Redis is away come from every connection of the process several times a second
 * (ioredis retries): the log gets the first one at once, then at most one line per `everyMs` saying how
 * many more there were, in words an operator can act on.
 */
export function throttledRedisLog(log: (line: string) => void, now: () => number = Date.now, everyMs = 10_000): (e: Error) => void {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (e: Error) => {
    const t = now();
    if (t - lastAt < everyMs) {
      suppressed++;
      return;
    }
    const more = suppressed ? ` (${suppressed} more Redis error(s) in the last ${Math.round((t - lastAt) / 1000)} s)` : "";
    lastAt = t;
    suppressed = 0;
    log(`cluster: Redis: ${plainRedisError(e.message)}${more}; check REDIS_URL and that Redis runs`);
  };
}

/** ioredis's own wording of a command given up while disconnected, said plainly. */
export function plainRedisError(message: string): string {
  if (/max retries per request/i.test(message)) return "a request was given up because Redis did not answer (it is unreachable)";
  return message;
}
