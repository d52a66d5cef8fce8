/**
 * `mechlab admin-password [--password NEW]`: reset a lost admin password in the database the server
 * uses (DATABASE_URL, default data/mechlab.db). Without --password a new one is generated and printed
 * once. Every admin login ends at once, on every running server process too: the stored admin sessions
 * are deleted, and each process checks the sessions it knows against the database every few seconds
 * (server/security/admin-sessions.ts); a running process reads the new hash before the next login.
 */
import { randomBytes } from "node:crypto";
import { migrate } from "../db/migrate";
import { resolveDbUrl } from "../db/url";
import { hashPassword } from "../http/admin-auth";
import { AdminSessions } from "../security/admin-sessions";
import { SessionStore } from "../sessions/store";

export async function runAdminPassword(args: string[]): Promise<number> {
  let password: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--password" && args[i + 1] !== undefined) password = args[++i];
    else {
      process.stderr.write(`mechlab admin-password: unexpected argument "${args[i]}"\nusage: mechlab admin-password [--password NEW]\n`);
      return 2;
    }
  }
  if (password !== undefined && password.length < 8) {
    process.stderr.write("mechlab admin-password: use at least 8 characters\n");
    return 2;
  }
  const url = resolveDbUrl();
  await migrate(url);
  const store = await SessionStore.open(url);
  try {
    const pw = password ?? randomBytes(9).toString("base64url");
    await store.setSetting("adminPasswordHash", await hashPassword(pw));
    await AdminSessions.revokeAll(store.db);
    process.stdout.write(password ? "The admin password was changed.\n" : `New admin password (shown once): ${pw}\n`);
    process.stdout.write("Every admin login has ended (running servers notice within seconds); log in at /admin with the new password.\n");
    if (process.env.ADMIN_PASSWORD)
      process.stdout.write("Note: ADMIN_PASSWORD is set in this environment; while it is set, the server uses it instead.\n");
    return 0;
  } finally {
    await store.close();
  }
}
