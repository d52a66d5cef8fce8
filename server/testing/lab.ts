/**
 * A running test server with an admin cookie and helpers to create sessions and seat participants:
 * the common setup of the security tests (server/security/*.test.ts).
 */
import { createMechlabApp, type MechlabApp } from "../app";
import type { RealtimeLimits } from "../realtime/limits";
import type { IdlePolicy } from "../sessions/idle";
import { ADMIN_PASSWORD, adminCookie, api, expectOk, freshSqlite, Participant, type TestDb } from "./harness";

/** A three-player IDS treatment with distinctive private numbers and no quiz. */
export const idsTreatment = (over: Record<string, unknown> = {}) => ({
  name: "security test",
  game: "ids-investment",
  params: {
    alpha: [11.111, 12.222, 13.333],
    W: [[1.01, 0.41, 0.42], [0.43, 1.02, 0.44], [0.45, 0.46, 1.03]],
    c: [0.777, 0.888, 0.999],
    xMax: 5,
    rounds: 2,
    decisionSeconds: 600,
    resultsSeconds: null,
  },
  intro: {},
  ...over,
});

/** A seated person in an IDS session plays every round (invests `x`, then goes on) and reaches the end. */
export async function playIdsToTheEnd(human: Participant, rounds: number, x = 2): Promise<void> {
  for (let round = 1; round <= rounds; round++) {
    await human.until((v) => v.play?.round === round && v.play.phase === "decide");
    expectOk(await human.act(`invest-${round}`, { type: "invest", x }));
    await human.until((v) => v.play?.round === round && v.play.phase === "results");
    expectOk(await human.act(`continue-${round}`, { type: "continue" }));
  }
  await human.until((v) => v.stage === "done");
}

export interface Lab {
  app: MechlabApp;
  base: string;
  cookie: string;
  db: TestDb;
  clients: Participant[];
  createSession(t?: unknown): Promise<{ id: string; code: string; tokens: string[] }>;
  join(token: string): Participant;
  close(): Promise<void>;
}

export interface LabOptions {
  botDelayMs?: number;
  /** Use this database (kept afterwards) instead of a fresh SQLite file. */
  dbUrl?: string;
  realtimeLimits?: Partial<RealtimeLimits>;
  idle?: Partial<IdlePolicy>;
  /** The server's clock (sessions, limits); default Date.now. */
  clock?: () => number;
  /** Where the server's log lines go (default: nowhere). */
  log?: (line: string) => void;
}

export async function openLab(opts: LabOptions = {}): Promise<Lab> {
  const db = opts.dbUrl ? { url: opts.dbUrl, drop: async () => {} } : await freshSqlite();
  process.env.ADMIN_PASSWORD = ADMIN_PASSWORD;
  // the manager's lines reach `log` only when the server is not quiet
  if (opts.log) delete process.env.MECHLAB_QUIET;
  else process.env.MECHLAB_QUIET = "1";
  const app = await createMechlabApp({
    dbUrl: db.url,
    log: opts.log ?? (() => {}),
    ...(opts.botDelayMs === undefined ? {} : { botDelayMs: opts.botDelayMs }),
    ...(opts.realtimeLimits ? { realtimeLimits: opts.realtimeLimits } : {}),
    ...(opts.idle ? { idle: opts.idle } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const base = `http://127.0.0.1:${await app.listen(0)}`;
  const cookie = await adminCookie(base);
  const clients: Participant[] = [];
  return {
    app,
    base,
    cookie,
    db,
    clients,
    async createSession(t = idsTreatment()) {
      const r = await api(base, "/api/admin/sessions", { body: { treatment: t }, cookie });
      if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.text}`);
      const detail = await api(base, `/api/admin/sessions/${r.json.session.id}`, { cookie });
      return { id: r.json.session.id as string, code: r.json.session.code as string, tokens: (detail.json.links as { path: string }[]).map((l) => l.path.slice(3)) };
    },
    join(token: string) {
      const p = new Participant(base, token);
      clients.push(p);
      return p;
    },
    async close() {
      for (const c of clients.splice(0)) c.close();
      await app.close();
      await db.drop();
    },
  };
}
