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

/** How often a process whose lock connection dropped tries to take the lock again. */
export const RETAKE_EVERY_MS = 2000;

/** A connection holding the lock, or null when another kind of process holds it. */
async function takeLock(dbUrl: string, mode: ProcessMode): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: dbUrl });
  client.on("error", () => undefined); // reported through `end` below
  await client.connect();
  try {
    const fn = mode === "single" ? "pg_try_advisory_lock" : "pg_try_advisory_lock_shared";
    if ((await client.query<{ ok: boolean }>(`SELECT ${fn}($1) AS "ok"`, [PROCESS_LOCK])).rows[0]?.ok !== true) {
      await client.end().catch(() => undefined);
      return null;
    }
    // a single process also needs no lease of a cluster to be live (one whose lock connection had dropped)
    if (mode === "single") {
      const live = await client.query<{ n: string }>(
        `SELECT count(*) AS "n" FROM "SessionLease" WHERE NOT "parked" AND "expiresAt" >= (extract(epoch from clock_timestamp()) * 1000)::bigint`,
      );
      if (Number(live.rows[0]?.n ?? 0) > 0) {
        await client.end().catch(() => undefined);
        return null;
      }
    }
    return client;
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
}

function refusal(dbUrl: string, mode: ProcessMode): string {
  const where = redactUrl(dbUrl);
  return mode === "single"
    ? `another mechlab process already runs on the database ${where} (one started with REDIS_URL, or one without). ` +
        `One process without REDIS_URL must be the only one on its database: stop the other, or give every process the same REDIS_URL and MECHLAB_REDIS_PREFIX (docs/deploy.md).`
    : `a mechlab process without REDIS_URL runs on the database ${where}: stop it, or start it with the same REDIS_URL and MECHLAB_REDIS_PREFIX as this one (docs/deploy.md).`;
}

/**
 * Take the lock for this process's life, or throw what to do. If its connection drops while the process
 * runs (the database restarted, a proxy closed an idle connection), the lock is taken again on a new
 * connection every `RETAKE_EVERY_MS`, saying so; while it is not held another kind of process could start,
 * and if one did, every attempt says so until it stops.
 */
export async function holdProcessLock(dbUrl: string, mode: ProcessMode, log: (line: string) => void, retakeEveryMs = RETAKE_EVERY_MS): Promise<ProcessLock> {
  const first = await takeLock(dbUrl, mode);
  if (!first) throw new Error(refusal(dbUrl, mode));
  const what = mode === "single" ? "the only one" : "one of a cluster";
  let client: pg.Client | null = first;
  let closing = false;
  let timer: NodeJS.Timeout | null = null;
  let attempts = 0;
  const watch = (c: pg.Client) =>
    c.once("end", () => {
      if (closing || client !== c) return;
      client = null;
      log(`mechlab: lost the database connection that marks this process as ${what} on the database; taking it again`);
      retake();
    });
  const retake = () => {
    timer = setTimeout(() => {
      timer = null;
      if (closing) return;
      takeLock(dbUrl, mode).then(
        (c) => {
          if (closing) return void c?.end().catch(() => undefined);
          if (!c) {
            // another kind of process started meanwhile: said at once, then every 30 s while it lasts
            if (attempts++ % Math.max(1, Math.round(30_000 / retakeEveryMs)) === 0) log(`mechlab: could not mark this process as ${what} again: ${refusal(dbUrl, mode)}`);
            return retake();
          }
          attempts = 0;
          client = c;
          watch(c);
          log(`mechlab: this process is marked as ${what} on the database again`);
        },
        () => retake(), // the database does not answer yet
      );
    }, retakeEveryMs);
    timer.unref();
  };
  watch(first);
  return {
    async release() {
      closing = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
