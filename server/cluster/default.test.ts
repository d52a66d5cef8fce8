/**
 * The default stays one process on SQLite with no other service: nothing outside server/cluster/ loads a
 * Redis client, and the server reaches server/cluster/index.ts only through a dynamic import taken when
 * REDIS_URL is set. Several processes refuse SQLite with a message that says what to do.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { createMechlabApp } from "../app";
import { clusterConfigFromEnv, workersFromEnv } from "./config";

const ROOT = join(import.meta.dirname, "..", "..");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : sources(p);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });

describe("without REDIS_URL nothing of the cluster is loaded", () => {
  it("only server/cluster/ imports ioredis or the Redis adapter", () => {
    const importers = [...sources(join(ROOT, "server")), ...sources(join(ROOT, "lib")), ...sources(join(ROOT, "app"))]
      .filter((f) => /from\s+["'](ioredis|@socket\.io\/redis-adapter)["']/.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(importers.length).toBeGreaterThan(0);
    for (const f of importers) expect(f.startsWith("server/cluster/"), f).toBe(true);
  });

  it("the server imports server/cluster/index.ts only on demand", () => {
    for (const f of sources(join(ROOT, "server")).filter((x) => !relative(ROOT, x).startsWith("server/cluster/"))) {
      const code = readFileSync(f, "utf8");
      expect(code, relative(ROOT, f)).not.toMatch(/from\s+["'][./]*cluster\/(index|rpc|router|node|http-forward|lease)["']/);
    }
    expect(readFileSync(join(ROOT, "server/app.ts"), "utf8")).toMatch(/await import\("\.\/cluster\/index"\)/);
  });

  it("REDIS_URL with a SQLite DATABASE_URL is refused before anything is made on disk (no data folder)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mechlab-redis-sqlite-"));
    const before = process.env.REDIS_URL;
    process.env.REDIS_URL = "redis://127.0.0.1:6379";
    try {
      await expect(createMechlabApp({ dbUrl: `file:${join(dir, "data", "mechlab.db")}`, log: () => undefined })).rejects.toThrow(/needs DATABASE_URL=postgresql/);
      expect(existsSync(join(dir, "data"))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("npm start with REDIS_URL and SQLite is refused before the pages are built, and makes no data folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "mechlab-start-redis-"));
    try {
      const r = spawnSync(process.execPath, [join(ROOT, "scripts/start.mjs")], {
        cwd: ROOT,
        env: { ...process.env, REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: `file:${join(dir, "data", "m.db")}` },
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/REDIS_URL \(several processes\) needs DATABASE_URL=postgresql/);
      expect(r.stdout).not.toMatch(/build/i);
      expect(existsSync(join(dir, "data"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the settings: none without REDIS_URL, PostgreSQL required with it", () => {
    const log = () => undefined;
    expect(clusterConfigFromEnv({}, "file:/tmp/x.db", null, log)).toBeNull();
    expect(() => clusterConfigFromEnv({ REDIS_URL: "redis://127.0.0.1:6379" }, "file:/tmp/x.db", null, log)).toThrow(/DATABASE_URL=postgresql/);
    const cfg = clusterConfigFromEnv({ REDIS_URL: "redis://r:6379", MECHLAB_LEASE_MS: "5000" }, "postgresql://p/db", null, log);
    expect(cfg).toMatchObject({ redisUrl: "redis://r:6379", ttlMs: 5000, stallMs: 10_000, scanMs: 1000, prefix: "mechlab:" });
    expect(clusterConfigFromEnv({ REDIS_URL: "redis://r", MECHLAB_LEASE_STALL_MS: "9000" }, "postgresql://p/db", null, log)).toMatchObject({ ttlMs: 3000, stallMs: 9000 });
    expect(() => clusterConfigFromEnv({ REDIS_URL: "redis://r", MECHLAB_LEASE_MS: "50" }, "postgresql://p/db", null, log)).toThrow(/MECHLAB_LEASE_MS/);
    // a wrong scheme is said at once (ioredis would take it for a socket path and retry for 10 s)
    expect(() => clusterConfigFromEnv({ REDIS_URL: "http://127.0.0.1:6379" }, "postgresql://p/db", null, log)).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\/.*got "http:\/\/127\.0\.0\.1:6379"/);
    expect(() => clusterConfigFromEnv({ REDIS_URL: "127.0.0.1:6379" }, "postgresql://p/db", null, log)).toThrow(/REDIS_URL must start with redis:\/\//);
    expect(() => clusterConfigFromEnv({ REDIS_URL: "http://user:secret@r:6379" }, "postgresql://p/db", null, log)).toThrow(/got "http:\/\/\*\*\*@r:6379"/);
    expect(clusterConfigFromEnv({ REDIS_URL: "rediss://user:pw@r:6380/2" }, "postgresql://p/db", null, log)).toMatchObject({ redisUrl: "rediss://user:pw@r:6380/2" });
    expect(workersFromEnv({})).toBe(1);
    expect(workersFromEnv({ WORKERS: "4" })).toBe(4);
    expect(workersFromEnv({ WORKERS: "auto" })).toBe(0);
    expect(() => workersFromEnv({ WORKERS: "many" })).toThrow(/WORKERS/);
  });
});
