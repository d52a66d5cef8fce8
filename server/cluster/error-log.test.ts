import { describe, expect, it } from "vitest";
import { throttledRedisLog } from "./error-log";

describe("Redis errors in the log while Redis is away", () => {
  it("says the first at once, then one line per 10 s with how many more, in plain words", () => {
    const lines: string[] = [];
    let t = 0;
    const say = throttledRedisLog((l) => lines.push(l), () => t);
    say(new Error("connect ECONNREFUSED 127.0.0.1:3319"));
    for (let i = 0; i < 30; i++) {
      t += 300; // ioredis's retries from every connection, several a second
      say(new Error(i % 2 ? "connect ECONNREFUSED 127.0.0.1:3319" : "Reached the max retries per request limit (which is 2). Refer to \"maxRetriesPerRequest\" option for details."));
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe("cluster: Redis: connect ECONNREFUSED 127.0.0.1:3319; check REDIS_URL and that Redis runs");
    t = 10_000;
    say(new Error("Reached the max retries per request limit (which is 2). Refer to \"maxRetriesPerRequest\" option for details."));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("cluster: Redis: a request was given up because Redis did not answer (it is unreachable) (30 more Redis error(s) in the last 10 s); check REDIS_URL and that Redis runs");
  });
});
