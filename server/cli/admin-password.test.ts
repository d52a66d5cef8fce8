/**
 * `mechlab admin-password` run the wrong way, as a person with a lost password might: in another
 * folder, with a DATABASE_URL that is not the server's, or with the database down. Each says what to
 * do, changes nothing, creates no database, and prints no stack trace.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { AdminAuth } from "../http/admin-auth";
import { checkPassword } from "../security/password";
import { SessionStore } from "../sessions/store";

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

describe("mechlab admin-password --password-stdin: the new password never on the command line", () => {
  async function dbIn(dir: string): Promise<string> {
    const url = `file:${join(dir, "pw.db")}`;
    await migrate(url);
    return url;
  }
  async function stored(url: string): Promise<string | null> {
    const s = await SessionStore.open(url);
    try {
      return await s.getSetting("adminPasswordHash");
    } finally {
      await s.close();
    }
  }
  const env = (url: string): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
    delete e.ADMIN_PASSWORD;
    return e;
  };

  it("reads the first line piped in and stores its hash; too short is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pw-"));
    const url = await dbIn(dir);
    const r = spawnSync(process.execPath, [BIN, "admin-password", "--password-stdin"], { cwd: dir, env: env(url), input: "piped-secret-42\r\nignored\n", encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("The admin password was changed.");
    expect(r.stdout + r.stderr).not.toContain("piped-secret-42");
    expect(await checkPassword("piped-secret-42", (await stored(url))!)).toBe(true);
    const short = spawnSync(process.execPath, [BIN, "admin-password", "--password-stdin"], { cwd: dir, env: env(url), input: "short\n", encoding: "utf8", timeout: 60_000 });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain("use at least 8 characters");
    expect(await checkPassword("piped-secret-42", (await stored(url))!)).toBe(true);
    const both = spawnSync(process.execPath, [BIN, "admin-password", "--password-stdin", "--password", "abcdefghij"], { cwd: dir, env: env(url), input: "x\n", encoding: "utf8", timeout: 60_000 });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("not both");
  });

  it.runIf(existsSync("/usr/bin/script"))("at a terminal: asks twice without echo; two different answers change nothing", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "pw-"));
    const url = await dbIn(dir);
    // typed at a terminal (a pseudo-terminal through `script`), each answer after its prompt
    const atTerminal = (answers: string[]) =>
      new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const p = spawn("/usr/bin/script", ["-qec", `${process.execPath} ${BIN} admin-password --password-stdin`, "/dev/null"], { cwd: dir, env: env(url) });
        let stdout = "";
        let asked = 0;
        p.stdout.on("data", (c: Buffer) => {
          stdout += c.toString("utf8");
          const prompts = (stdout.match(/password( again)?: /g) ?? []).length;
          while (asked < prompts && asked < answers.length) p.stdin.write(`${answers[asked++]}\r`);
        });
        p.on("close", (status) => resolve({ status, stdout }));
      });
    const r = await atTerminal(["typed-secret-77", "typed-secret-77"]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain("New admin password: ");
    expect(r.stdout).toContain("The admin password was changed.");
    expect(r.stdout).not.toContain("typed-secret-77");
    expect(await checkPassword("typed-secret-77", (await stored(url))!)).toBe(true);
    const differ = await atTerminal(["first-secret-1", "other-secret-2"]);
    expect(differ.status).toBe(2);
    expect(differ.stdout).toContain("the two admin passwords differ. Nothing was changed.");
    expect(await checkPassword("typed-secret-77", (await stored(url))!)).toBe(true);
  });
});

describe("mechlab admin-password when the server goes by ADMIN_PASSWORD (review A2)", () => {
  it("says the variable stays the password until the server starts without it; without it, the new password is the one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pw-"));
    const url = `file:${join(dir, "pw.db")}`;
    await migrate(url);
    const startServer = async (adminPassword: string | undefined) => {
      const before = process.env.ADMIN_PASSWORD;
      if (adminPassword === undefined) delete process.env.ADMIN_PASSWORD;
      else process.env.ADMIN_PASSWORD = adminPassword;
      const s = await SessionStore.open(url);
      try {
        await AdminAuth.init(s, () => {});
      } finally {
        await s.close();
        if (before === undefined) delete process.env.ADMIN_PASSWORD;
        else process.env.ADMIN_PASSWORD = before;
      }
    };
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
    delete env.ADMIN_PASSWORD;
    const reset = () => spawnSync(process.execPath, [BIN, "admin-password", "--password-stdin"], { cwd: dir, env, input: "fresh-secret-9\n", encoding: "utf8", timeout: 60_000 });
    await startServer("from-the-env-1");
    const r = reset();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("but the server was last started with ADMIN_PASSWORD set");
    expect(r.stdout).toContain("log in with ADMIN_PASSWORD's value");
    expect(r.stdout).not.toContain("log in at /admin with the new password");
    await startServer(undefined);
    const again = reset();
    expect(again.stdout).toContain("The admin password was changed.");
    expect(again.stdout).toContain("log in at /admin with the new password");
  }, 90_000);
});
