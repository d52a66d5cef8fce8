/**
 * A server that cannot start says why in one line (passwords hidden) and exits with status 1, so a
 * service manager sees a failed start; PORT is checked before anything starts; Redis gets a deadline.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { redisReady } from "./cluster";
import { redactUrl } from "./db/url";
import { portFromEnv, startupFailure } from "./startup";

const ROOT = join(import.meta.dirname, "..");

describe("start-up failures", () => {
  it("PORT: a whole number from 0 to 65535, 3000 when unset; anything else is named", () => {
    expect(portFromEnv(undefined)).toEqual({ port: 3000 });
    expect(portFromEnv("4401")).toEqual({ port: 4401 });
    expect(portFromEnv("0")).toEqual({ port: 0 });
    for (const bad of ["abc", "65536", "-1", "80.5", "1e3", " "]) expect(portFromEnv(bad), bad).toHaveProperty("error", expect.stringContaining(`(it is "${bad}")`));
  });

  it("names the setting to fix, with passwords hidden", () => {
    const env = { DATABASE_URL: "postgresql://postgres:S3cret@127.0.0.1:4409/x", PORT: "4401" };
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4409"), { code: "ECONNREFUSED" });
    const line = startupFailure(refused, env);
    expect(line).toContain("check DATABASE_URL (postgresql://postgres:***@127.0.0.1:4409/x)");
    expect(line).not.toContain("S3cret");
    expect(startupFailure(Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE", port: 4401 }), env)).toBe("port 4401 is in use: stop the program that uses it, or start mechlab with another PORT");
    // the server answered: the database is missing, and how to create it (not "check that the server runs")
    expect(startupFailure(new Error('database "revf_nonexistent" does not exist'), env)).toBe(
      'the database server answered, but it has no database "revf_nonexistent": create it first (e.g. `createdb -h 127.0.0.1 -p 4409 -O postgres revf_nonexistent`, as a user who may create databases; the user in DATABASE_URL must own it), then start again (DATABASE_URL=postgresql://postgres:***@127.0.0.1:4409/x)',
    );
    expect(startupFailure(new Error("bad redis://u:pw@h:1 and postgres://a:b@c/d"), {})).toBe("bad redis://u:***@h:1 and postgres://a:***@c/d");
    expect(redactUrl("file:./data/mechlab.db")).toBe("file:./data/mechlab.db");
  });

  it("HOST: a name that does not resolve, or an address of another machine, is named as HOST, not as the database", () => {
    const typo = Object.assign(new Error("getaddrinfo ENOTFOUND mechlab-lab.invalid"), { code: "ENOTFOUND", syscall: "getaddrinfo", hostname: "mechlab-lab.invalid" });
    expect(startupFailure(typo, { HOST: "mechlab-lab.invalid" })).toBe(
      'HOST "mechlab-lab.invalid" is not a name or address of this machine (getaddrinfo ENOTFOUND mechlab-lab.invalid): set HOST to an address of this machine (e.g. 127.0.0.1 behind a reverse proxy, 0.0.0.0 for all), or leave it unset',
    );
    const other = Object.assign(new Error("listen EADDRNOTAVAIL: address not available 10.0.0.11:3245"), { code: "EADDRNOTAVAIL", syscall: "listen", address: "10.0.0.11", port: 3245 });
    expect(startupFailure(other, { HOST: "10.0.0.11" })).toMatch(/^HOST "10\.0\.0\.11" is not a name or address of this machine \(listen EADDRNOTAVAIL/);
    // the database's host not resolving is still the database's problem
    const db = Object.assign(new Error("getaddrinfo ENOTFOUND db.invalid"), { code: "ENOTFOUND", syscall: "getaddrinfo", hostname: "db.invalid" });
    expect(startupFailure(db, { HOST: "127.0.0.1", DATABASE_URL: "postgresql://u@db.invalid/x" })).toMatch(/^the database does not answer/);
    expect(redactUrl("postgresql://postgres@127.0.0.1/db")).toBe("postgresql://postgres@127.0.0.1/db");
  });

  it("npm start's server exits with status 1 and one line when PORT is not a port", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: ROOT, env: { ...process.env, PORT: "abc", NODE_ENV: "production" }, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n").at(-1)).toBe('mechlab: could not start: PORT must be a whole number from 0 to 65535 (it is "abc")');
  });

  it("npm start's server refuses a TRUST_PROXY it does not understand (e.g. an Express-style hop count) instead of ignoring it", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: ROOT, env: { ...process.env, TRUST_PROXY: "2", PORT: "3251", NODE_ENV: "production" }, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/^mechlab: could not start: TRUST_PROXY must be 1 \(also true, yes, on\) or 0 \(also false, no, off, empty or unset\) \(got "2"\); mechlab trusts exactly one proxy/);
  });

  it("Redis that does not answer at start is a failed start within the deadline, naming REDIS_URL", async () => {
    const url = "redis://user:pw@127.0.0.1:1"; // nothing listens on port 1
    const r = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    r.on("error", () => {});
    const t = Date.now();
    await expect(redisReady(r, url, 500)).rejects.toThrow("Redis at REDIS_URL (redis://user:***@127.0.0.1:1) did not answer within 0.5 s");
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(r.status).not.toBe("ready");
  });
});
