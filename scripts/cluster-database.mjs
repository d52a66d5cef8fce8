// Several processes (REDIS_URL) must share one PostgreSQL database. One wording for both places that
// check it: `npm start` before it builds the pages (scripts/start.mjs) and the server itself for every
// other way of starting it (server/cluster/config.ts).

/** Why this REDIS_URL / DATABASE_URL pair cannot run, or null when it can (or REDIS_URL is unset). */
export function clusterDatabaseProblem(redisUrl, dbUrl) {
  if (!redisUrl || /^postgres(ql)?:\/\//.test(dbUrl ?? "")) return null;
  return "REDIS_URL (several processes) needs DATABASE_URL=postgresql://…: every process must share one PostgreSQL database. Unset REDIS_URL to run one process on SQLite.";
}
