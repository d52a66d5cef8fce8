/**
 * `mechlab admin-password [--password-stdin | --password NEW]`: reset a lost admin password in the
 * database the server uses (DATABASE_URL, default data/mechlab.db). Without an option a new one is
 * generated and printed once; `--password-stdin` reads the new one from a terminal without echo or from a
 * pipe (`--password NEW` leaves it in the shell's history and, while it runs, in the process list). Every admin login ends at once, on every running server process too: the stored admin sessions
 * are deleted, and each process checks the sessions it knows against the database every few seconds
 * (server/security/admin-sessions.ts); a running process reads the new hash before the next login.
 */
import { MAX_PASSWORD_LENGTH } from "../../lib/protocol/payloads";
import { randomBytes } from "node:crypto";
import { migrate } from "../db/migrate";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_DB_URL, isPostgresUrl, redactUrl, resolveDbUrl } from "../db/url";
import { hashPassword, PASSWORD_SOURCE } from "../http/admin-auth";
import { AdminSessions } from "../security/admin-sessions";
import { SessionStore } from "../sessions/store";
import { readNewSecret } from "./secret-input";


/**
 * Why this DATABASE_URL (unset: the default file) cannot be the server's database, or null. A SQLite
 * file that does not exist is refused rather than created: the command was run in another folder than
 * the server, or with another DATABASE_URL, and a new password there would change nothing.
 */
function databaseProblem(setting: string | undefined): string | null {
  const url = setting ?? DEFAULT_DB_URL;
  if (isPostgresUrl(url)) return null;
  if (!url.startsWith("file:")) return `DATABASE_URL must start with file: or postgresql:// (it is "${redactUrl(url)}"); use the server's.`;
  const path = url.slice("file:".length);
  if (path === ":memory:") return "DATABASE_URL is an in-memory database, which no server shares; use the server's.";
  const abs = resolve(process.cwd(), path);
  if (existsSync(abs)) return null;
  return setting === undefined
    ? `there is no database at ${abs}. Run this command in the folder you start the server from (where data/mechlab.db is), or set DATABASE_URL as the server has it.`
    : `there is no database at ${abs} (DATABASE_URL). Set DATABASE_URL exactly as the server has it, and run the command in the server's folder if the path is relative.`;
}

const USAGE =
  "usage: mechlab admin-password [--password-stdin | --password NEW]\n" +
  "  (no option: a new password is generated and printed once; --password-stdin: type yours without echo,\n" +
  "   or pipe it in, so it stays out of the shell history and the process list)\n";

export async function runAdminPassword(args: string[]): Promise<number> {
  let password: string | undefined;
  let fromStdin = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--password" && args[i + 1] !== undefined) password = args[++i];
    else if (args[i] === "--password-stdin") fromStdin = true;
    else {
      process.stderr.write(`mechlab admin-password: unexpected argument "${args[i]}"\n${USAGE}`);
      return 2;
    }
  }
  if (fromStdin && password !== undefined) {
    process.stderr.write(`mechlab admin-password: give --password or --password-stdin, not both\n${USAGE}`);
    return 2;
  }
  if (fromStdin) {
    const typed = await readNewSecret("admin password");
    if (!typed.ok) {
      process.stderr.write(`mechlab admin-password: ${typed.why}. Nothing was changed.\n`);
      return 2;
    }
    password = typed.value;
  }
  if (password !== undefined && password.length < 8) {
    process.stderr.write("mechlab admin-password: use at least 8 characters\n");
    return 2;
  }
  if (password !== undefined && password.length > MAX_PASSWORD_LENGTH) {
    process.stderr.write(`mechlab admin-password: use at most ${MAX_PASSWORD_LENGTH} characters (the login page accepts no longer password)\n`);
    return 2;
  }
  const where = databaseProblem(process.env.DATABASE_URL);
  if (where) {
    process.stderr.write(`mechlab admin-password: ${where} Nothing was changed.\n`);
    return 2;
  }
  const url = resolveDbUrl();
  let store: SessionStore;
  try {
    await migrate(url);
    store = await SessionStore.open(url);
  } catch (e) {
    process.stderr.write(
      `mechlab admin-password: cannot open the database ${redactUrl(url)}: ${(e as Error).message.split("\n")[0]}. ` +
        "Check that it is running and that DATABASE_URL is the server's. Nothing was changed.\n",
    );
    return 1;
  }
  try {
    const pw = password ?? randomBytes(9).toString("base64url");
    await store.setSetting("adminPasswordHash", await hashPassword(pw));
    await AdminSessions.revokeAll(store.db);
    const serverUsesEnv = (await store.getSetting(PASSWORD_SOURCE)) === "env";
    if (serverUsesEnv) {
      // the server goes by ADMIN_PASSWORD: the stored password is not the one to log in with until it starts without it
      process.stdout.write(password ? "The stored admin password was changed, " : `New stored admin password (shown once): ${pw}, `);
      process.stdout.write(
        "but the server was last started with ADMIN_PASSWORD set, and while it is set that variable is the admin password: " +
          "log in with ADMIN_PASSWORD's value (every admin login has ended). To change the password, change ADMIN_PASSWORD and restart the server; " +
          "the password set here applies once the server is started without ADMIN_PASSWORD.\n",
      );
      return 0;
    }
    process.stdout.write(password ? "The admin password was changed.\n" : `New admin password (shown once): ${pw}\n`);
    process.stdout.write("Every admin login has ended (running servers notice within seconds); log in at /admin with the new password.\n");
    if (process.env.ADMIN_PASSWORD)
      process.stdout.write("Note: ADMIN_PASSWORD is set in this environment; a server started with it uses it instead.\n");
    return 0;
  } finally {
    await store.close();
  }
}
