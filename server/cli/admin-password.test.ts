/**
 * `mechlab admin-password` run the wrong way, as a person with a lost password might: in another
 * folder, with a DATABASE_URL that is not the server's, or with the database down. Each says what to
 * do, changes nothing, creates no database, and prints no stack trace.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = join(import.meta.dirname, "../../bin/mechlab.mjs");

function run(cwd: string, databaseUrl?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.ADMIN_PASSWORD;
  if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  const r = spawnSync(process.execPath, [BIN, "admin-password"], { cwd, env, encoding: "utf8", timeout: 60_000 });
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.stdout).not.toMatch(/New admin password/);
  return r;
}

describe("mechlab admin-password, run the wrong way", () => {
  it("in a folder without the server's database: refused, nothing created", () => {
    const dir = mkdtempSync(join(tmpdir(), "pw-"));
    const r = run(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`there is no database at ${join(dir, "data/mechlab.db")}. Run this command in the folder you start the server from`);
    expect(existsSync(join(dir, "data"))).toBe(false);
    const other = run(dir, "file:./elsewhere.db");
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/no database at .*elsewhere\.db \(DATABASE_URL\)\. Set DATABASE_URL exactly as the server has it/);
    expect(existsSync(join(dir, "elsewhere.db"))).toBe(false);
  });

  it("with a DATABASE_URL of another kind, or a database that does not answer: a message, the password hidden", () => {
    const dir = mkdtempSync(join(tmpdir(), "pw-"));
    const mysql = run(dir, "mysql://root:pw@localhost/x");
    expect(mysql.status).toBe(2);
    expect(mysql.stderr).toMatch(/DATABASE_URL must start with file: or postgresql:\/\//);
    const down = run(dir, "postgresql://someone:s3cret@127.0.0.1:1/mechlab");
    expect(down.status).toBe(1);
    expect(down.stderr).toContain("cannot open the database postgresql://someone:***@127.0.0.1:1/mechlab");
    expect(down.stderr).toContain("Nothing was changed.");
    expect(down.stderr).not.toContain("s3cret");
  });

  it("a password longer than the login page accepts is refused before anything is touched", () => {
    const dir = mkdtempSync(join(tmpdir(), "pw-"));
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    delete env.ADMIN_PASSWORD;
    const r = spawnSync(process.execPath, [BIN, "admin-password", "--password", "x".repeat(1025)], { cwd: dir, env, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("use at most 1024 characters");
    expect(existsSync(join(dir, "data"))).toBe(false);
  });
});
