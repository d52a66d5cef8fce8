/**
 * Who may run on one PostgreSQL database: either one mechlab process without Redis, or any number of
 * processes of one cluster (REDIS_URL, server/cluster/). Not both, and not two single processes: a process
 * without leases loads and writes the cluster's sessions under their owners (duplicate event numbers,
 * "changed elsewhere" for everyone), and two single processes would run the same sessions twice.
 *
 * A PostgreSQL advisory lock held on a connection of its own for the process's life: a single process
 * holds it exclusively, a cluster process shared. It goes with the connection, so a process that dies
 * (kill -9, a lost machine) frees it at once; one that cannot take it does not start, and says why.
 */
import pg from "pg";
import { redactUrl } from "./url";

/** The advisory lock's key ("mechlab processes"). */
const PROCESS_LOCK = 727073692;

export type ProcessMode = "single" | "cluster";

export interface ProcessLock {
  release(): Promise<void>;
}

export async function holdProcessLock(dbUrl: string, mode: ProcessMode, log: (line: string) => void): Promise<ProcessLock> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const fn = mode === "single" ? "pg_try_advisory_lock" : "pg_try_advisory_lock_shared";
  const got = (await client.query<{ ok: boolean }>(`SELECT ${fn}($1) AS "ok"`, [PROCESS_LOCK])).rows[0]?.ok === true;
  if (!got) {
    await client.end().catch(() => undefined);
    const where = redactUrl(dbUrl);
    throw new Error(
      mode === "single"
        ? `another mechlab process already runs on the database ${where} (one started with REDIS_URL, or one without). ` +
            `One process without REDIS_URL must be the only one on its database: stop the other, or give every process the same REDIS_URL and MECHLAB_REDIS_PREFIX (docs/deploy.md).`
        : `a mechlab process without REDIS_URL runs on the database ${where}: stop it, or start it with the same REDIS_URL and MECHLAB_REDIS_PREFIX as this one (docs/deploy.md).`,
    );
  }
  let closing = false;
  // the lock goes with the connection: if it drops (the database restarted), say so; the process goes on
  client.on("error", (e: Error) => {
    if (!closing) log(`mechlab: lost the database connection that marks this process as ${mode === "single" ? "the only one" : "one of a cluster"} on it (${e.message}); restart this process to take it again`);
  });
  return {
    async release() {
      closing = true;
      await client.end().catch(() => undefined);
    },
  };
}
