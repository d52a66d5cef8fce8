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
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  const message = redactUrl(String(err?.message ?? e).split("\n")[0] ?? "");
  if (err?.code === "EADDRINUSE") return `port ${err.port ?? env.PORT ?? 3000} is in use: stop the program that uses it, or start mechlab with another PORT`;
  if (err?.code === "EACCES" && err.syscall === "listen") return `this user may not listen on port ${err.port ?? env.PORT}: use a port above 1023 (PORT) behind a reverse proxy (docs/deploy.md)`;
  if (err?.code === "ECONNREFUSED" || err?.code === "ENOTFOUND" || /database .* does not exist|password authentication failed|role .* does not exist/.test(message))
    return `the database does not answer or refuses the connection (${message}); check DATABASE_URL (${env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : "unset: data/mechlab.db"}) and that the database server runs`;
  return message;
}
