/**
 * Durability under kill -9: a decision is acknowledged only after it is stored. The server runs in its
 * own process while participants of two sessions play as fast as they can (so commands of several
 * sessions share transactions, server/db/group-commit.ts, and several commands of one session share a
 * batch, server/sessions/host.ts); it is killed with SIGKILL mid-play. A new server on the same database
 * must hold every acknowledged action, in a state at least as new as every acknowledgement said.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { io as ioc, type Socket } from "socket.io-client";
import type { ParticipantView } from "../../lib/engine/views";
import { ADMIN_PASSWORD, adminCookie, api, freshPostgres, freshSqlite, startApp, type TestDb } from "../testing/harness";
import type { MechlabApp } from "../app";

const PG = process.env.MECHLAB_TEST_PG_URL;
const databases: [string, () => Promise<TestDb>][] = [["SQLite", freshSqlite], ...(PG ? [["PostgreSQL", () => freshPostgres(PG)] as [string, () => Promise<TestDb>]] : [])];

const treatment = {
  name: "kill -9",
  game: "ids-investment",
  groups: 3,
  params: { alpha: [10, 10, 10, 10], W: [[1, 0.3, 0.3, 0.3], [0.3, 1, 0.3, 0.3], [0.3, 0.3, 1, 0.3], [0.3, 0.3, 0.3, 1]], c: [1, 1, 1, 1], xMax: 5, rounds: 200, decisionSeconds: null, resultsSeconds: null },
  intro: { quiz: [] },
  dropout: { policy: "wait" },
};

interface Acked {
  sessionId: string;
  clientActionId: string;
  version: number;
}

function startServer(dbUrl: string, env: Record<string, string> = {}): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "server/testing/server-process.ts"], {
    env: { ...process.env, MECHLAB_TEST_DB_URL: dbUrl, ADMIN_PASSWORD, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((res, rej) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      const m = /^PORT (\d+)/.exec(line);
      if (m) res({ proc, base: `http://127.0.0.1:${m[1]}` });
    });
    proc.on("exit", (c) => rej(new Error(`server exited ${c}`)));
  });
}

/** A participant answering every screen at once; records every acknowledged action. */
function player(base: string, sessionId: string, token: string, acked: Acked[], onAck: () => void = () => {}): Socket {
  const s = ioc(base, { transports: ["websocket"], auth: { token }, forceNew: true, reconnection: false });
  let step = "";
  s.on("p:view", ({ view }: { view: ParticipantView }) => {
    if (view.stage === "intro") {
      const key = `intro-${view.introStep}`;
      if (key !== step) s.emit("p:intro", { step: view.introStep }, () => {});
      step = key;
      return;
    }
    const play = view.play;
    if (!play?.myTurn) return;
    const key = `${play.round}-${play.phase}-${play.phaseSeq}`;
    if (key === step) return;
    step = key;
    const clientActionId = `k9-${token.slice(1, 12)}-${key}`;
    const action = play.phase === "decide" ? { type: "invest", x: (play.round % 5) + 0.25 } : { type: "continue" };
    s.emit("p:action", { clientActionId, action, at: { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } }, (ack: { ok: boolean; data?: { version: number } }) => {
      if (ack.ok && ack.data) {
        acked.push({ sessionId, clientActionId, version: ack.data.version });
        onAck();
      }
    });
  });
  return s;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => undefined);
  cleanup = [];
});

describe.each(databases)("kill -9 (%s)", (_name, fresh) => {
  it("loses no acknowledged decision when the server process is killed mid-play", async () => {
    const db = await fresh();
    cleanup.push(() => db.drop());
    const { proc, base } = await startServer(db.url);
    cleanup.push(async () => void proc.kill("SIGKILL"));
    const cookie = await adminCookie(base);
    const acked: Acked[] = [];
    const sockets: Socket[] = [];
    const sessions: string[] = [];
    for (let k = 0; k < 2; k++) {
      const created = await api(base, "/api/admin/sessions", { cookie, body: { treatment } });
      expect(created.status).toBe(201);
      const id = created.json.session.id as string;
      sessions.push(id);
      const detail = await api(base, `/api/admin/sessions/${id}`, { cookie });
      for (const l of detail.json.links as { path: string }[]) sockets.push(player(base, id, l.path.slice(3), acked));
    }
    cleanup.push(async () => sockets.forEach((s) => s.close()));
    // play until a good number of decisions were acknowledged, then kill the server without warning
    for (let t = 0; t < 600 && acked.length < 400; t++) await new Promise((r) => setTimeout(r, 50));
    expect(acked.length).toBeGreaterThanOrEqual(100);
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGKILL");
    await exited;
    const ackedAtKill = acked.slice();
    sockets.forEach((s) => s.close());

    const { app } = await startApp(db.url);
    cleanup.push(() => app.close());
    await checkStored(app, sessions, ackedAtKill);
  }, 120_000);

  it("killed the moment an acknowledgement arrives, with every commit 150 ms slow: that decision is stored", async () => {
    // with commits this slow, an acknowledgement sent before its commit would arrive ~150 ms before the data
    // is stored, and the kill right on its arrival would lose it every time (not only when a kill happens to
    // fall into a sub-millisecond window, as in the test above)
    const db = await fresh();
    cleanup.push(() => db.drop());
    const { proc, base } = await startServer(db.url, { MECHLAB_TEST_SLOW_COMMIT_MS: "150" });
    cleanup.push(async () => void proc.kill("SIGKILL"));
    const cookie = await adminCookie(base);
    const acked: Acked[] = [];
    const sockets: Socket[] = [];
    const created = await api(base, "/api/admin/sessions", { cookie, body: { treatment } });
    expect(created.status).toBe(201);
    const id = created.json.session.id as string;
    const detail = await api(base, `/api/admin/sessions/${id}`, { cookie });
    let ackedAtKill: Acked[] | null = null;
    const exited = new Promise((r) => proc.once("exit", r));
    const killOnAck = () => {
      if (ackedAtKill || acked.length < 30) return;
      proc.kill("SIGKILL");
      ackedAtKill = acked.slice();
    };
    for (const l of detail.json.links as { path: string }[]) sockets.push(player(base, id, l.path.slice(3), acked, killOnAck));
    cleanup.push(async () => sockets.forEach((s) => s.close()));
    await exited;
    sockets.forEach((s) => s.close());
    expect(ackedAtKill).not.toBeNull();

    const { app } = await startApp(db.url);
    cleanup.push(() => app.close());
    await checkStored(app, [id], ackedAtKill!);
  }, 120_000);
});

async function checkStored(app: MechlabApp, sessions: string[], acked: Acked[]) {
  for (const id of sessions) {
    const mine = acked.filter((a) => a.sessionId === id);
    const events = await app.store.events(id);
    const accepted = new Set(events.filter((e) => e.accepted && e.clientActionId).map((e) => e.clientActionId));
    const missing = mine.filter((a) => !accepted.has(a.clientActionId));
    expect(missing, `acknowledged but not stored in session ${id}`).toEqual([]);
    // the log has no gaps, and the stored state is at least as new as every acknowledgement said
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const host = await app.manager.get(id);
    expect(host).not.toBeNull();
    expect(host!.state.version).toBeGreaterThanOrEqual(Math.max(0, ...mine.map((a) => a.version)));
    // every decision of a finished round is in the long table
    const rounds = await app.store.playerRounds(id);
    const stored = new Set(rounds.map((r) => `${r.participantId}#${r.round}`));
    for (const p of host!.state.participants.toArray()) for (const h of p.history) expect(stored.has(`${p.id}#${h.round}`)).toBe(true);
  }
}
