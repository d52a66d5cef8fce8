/**
 * What `npm start` says when the server cannot start: one line naming the setting to fix (passwords in
 * URLs hidden), then exit status 1, so a service manager (systemd, a container) sees a failed start
 * instead of a clean stop or a process that never listens.
 */
import { redactUrl } from "./db/url";

/** The PORT setting as a port number, or why it is not one. */
export function portFromEnv(value: string | undefined): { port: number } | { error: string } {
  if (value === undefined || value === "") return { port: 3000 };
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65535)
    return { error: `PORT must be a whole number from 0 to 65535 (it is "${value}")` };
  return { port };
}

/** The start-up failure as one line for the person running the server. */
export function startupFailure(e: unknown, env: Readonly<Record<string, string | undefined>>): string {
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };
  const message = redactUrl(String(err?.message ?? e).split("\n")[0] ?? "");
  if (err?.code === "EADDRINUSE") return `port ${err.port ?? env.PORT ?? 3000} is in use: stop the program that uses it, or start mechlab with another PORT`;
  if (err?.code === "EACCES" && err.syscall === "listen") return `this user may not listen on port ${err.port ?? env.PORT}: use a port above 1023 (PORT) behind a reverse proxy (docs/deploy.md)`;
  // HOST: a name that does not resolve (listen looks it up first), or an address this machine does not have
  const host = env.HOST?.trim();
  if ((err?.code === "EADDRNOTAVAIL" && err.syscall === "listen") || ((err?.code === "ENOTFOUND" || err?.code === "EAI_AGAIN") && host && err.hostname === host))
    return `HOST "${env.HOST}" is not a name or address of this machine (${message}): set HOST to an address of this machine (e.g. 127.0.0.1 behind a reverse proxy, 0.0.0.0 for all), or leave it unset`;
  // the server answered: the database named in DATABASE_URL is not there (mechlab creates its tables, not the database)
  const missing = /database "([^"]+)" does not exist/.exec(message);
  if (missing) return `the database server answered, but it has no database "${missing[1]}": create it first (e.g. \`${createdbCommand(env.DATABASE_URL, missing[1]!)}\`, as a user who may create databases; the user in DATABASE_URL must own it), then start again (${env.DATABASE_URL ? `DATABASE_URL=${redactUrl(env.DATABASE_URL)}` : "DATABASE_URL unset"})`;
  if (err?.code === "ECONNREFUSED" || err?.code === "ENOTFOUND" || /database .* does not exist|password authentication failed|role .* does not exist/.test(message))
    return `the database does not answer or refuses the connection (${message}); check DATABASE_URL (${env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : "unset: data/mechlab.db"}) and that the database server runs`;
  return message;
}

/** The `createdb` command that creates the database `name` on DATABASE_URL's server for its user. */
function createdbCommand(dbUrl: string | undefined, name: string): string {
  try {
    const u = new URL(dbUrl ?? "");
    const args = [u.hostname && `-h ${decodeURIComponent(u.hostname)}`, u.port && `-p ${u.port}`, u.username && `-O ${decodeURIComponent(u.username)}`].filter(Boolean);
    return ["createdb", ...args, name].join(" ");
  } catch {
    return `createdb ${name}`;
  }
}
