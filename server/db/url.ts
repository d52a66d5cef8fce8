/**
 * Where the data lives. Default: a SQLite file under ./data (created on first start).
 * DATABASE_URL=postgresql://… switches to PostgreSQL.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export const DEFAULT_DB_URL = "file:./data/mechlab.db";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * The database URL in force, with a SQLite file path made absolute and (unless `createFolder` is false) its
 * folder created.
 */
export function resolveDbUrl(url = process.env.DATABASE_URL ?? DEFAULT_DB_URL, { createFolder = true } = {}): string {
  if (isPostgresUrl(url)) return url;
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${redactUrl(url)}")`);
  const path = url.slice("file:".length);
  if (path === ":memory:") return url;
  const abs = `file:${resolve(process.cwd(), path)}`;
  if (createFolder) createDbFolder(abs);
  return abs;
}

/** Creates the folder of a SQLite URL made absolute by `resolveDbUrl` (nothing for PostgreSQL or memory). */
export function createDbFolder(url: string): void {
  if (isPostgresUrl(url) || !url.startsWith("file:/")) return;
  mkdirSync(dirname(url.slice("file:".length)), { recursive: true });
}

/**
 * `text` (a database or Redis URL, or an error message naming some) with the password of every URL in it
 * hidden, for log lines and messages: `postgresql://u:***@host/db`.
 */
export function redactUrl(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, "$1***@");
}
