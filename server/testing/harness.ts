/**
 * Test harness: a real server (API + Socket.io, no Next) on a random port, on a fresh SQLite file
 * or a fresh PostgreSQL database, plus real socket.io clients.
 */
import { io as ioc, type Socket } from "socket.io-client";
import type { ParticipantView } from "../../lib/engine/views";
import { CSRF_HEADER, CSRF_VALUE } from "../../lib/protocol/csrf";
import type { ClientToServerEvents, ServerToClientEvents, ViewMessage } from "../../lib/protocol/events";
import { createMechlabApp, type MechlabApp } from "../app";

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export { freshPostgres, freshSqlite, type TestDb } from "./test-db";

export const ADMIN_PASSWORD = "test-admin-password";

export async function startApp(dbUrl: string, opts: { botDelayMs?: number; figureTimeoutMs?: number } = {}): Promise<{ app: MechlabApp; base: string }> {
  process.env.ADMIN_PASSWORD = ADMIN_PASSWORD;
  process.env.MECHLAB_QUIET = "1";
  const app = await createMechlabApp({ dbUrl, log: () => {}, ...opts });
  const port = await app.listen(0);
  return { app, base: `http://127.0.0.1:${port}` };
}

export async function adminCookie(base: string): Promise<string> {
  const r = await fetch(`${base}/api/admin/login`, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: CSRF_VALUE },
    body: JSON.stringify({ password: ADMIN_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status}`);
  return (r.headers.get("set-cookie") ?? "").split(";")[0]!;
}

/** A request as the admin page sends it (JSON, with the CSRF header); `headers` adds or overrides. */
export async function api(base: string, path: string, init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {}) {
  const r = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { ...(init.cookie ? { cookie: init.cookie } : {}), "content-type": "application/json", [CSRF_HEADER]: CSRF_VALUE, ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await r.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: r.status, json: json as any, text }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A participant's socket that records every view it receives. */
export class Participant {
  socket: Client;
  views: ParticipantView[] = [];
  raw: string[] = [];
  private waiters: { pred: (v: ParticipantView) => boolean; res: (v: ParticipantView) => void }[] = [];

  constructor(base: string, readonly token: string) {
    this.socket = ioc(base, { transports: ["websocket"], auth: { token }, forceNew: true, reconnection: false });
    this.socket.on("p:view", (m: ViewMessage) => this.push(m));
  }

  private push(m: ViewMessage) {
    this.raw.push(JSON.stringify(m));
    this.views.push(m.view);
    this.waiters = this.waiters.filter((w) => (w.pred(m.view) ? (w.res(m.view), false) : true));
  }

  get last(): ParticipantView | undefined {
    return this.views[this.views.length - 1];
  }

  /** Resolves with the first view (already received or future) that satisfies `pred`. */
  until(pred: (v: ParticipantView) => boolean, ms = 10_000): Promise<ParticipantView> {
    const l = this.last;
    if (l && pred(l)) return Promise.resolve(l);
    return new Promise((res, rej) => {
      const t = setTimeout(() => rej(new Error(`timed out waiting for a view; last: ${JSON.stringify(this.last)?.slice(0, 400)}`)), ms);
      this.waiters.push({ pred, res: (v) => (clearTimeout(t), res(v)) });
    });
  }

  emit<E extends "p:intro" | "p:action" | "p:sync" | "p:survey">(event: E, payload: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return new Promise((res) => (this.socket.emit as any)(event, payload, res)); // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** Send a game action the way the browser does: answering the phase instance of the last view received. */
  act(clientActionId: string, action: unknown, extra: Record<string, unknown> = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const play = this.last?.play;
    const at = play ? { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } : { round: 0, phase: "", phaseSeq: 0 };
    return this.emit("p:action", { clientActionId, action, at, ...extra });
  }

  async passIntro(answers: number[] = []) {
    await this.until((v) => v.stage === "intro");
    expectOk(await this.emit("p:intro", { step: "consent" }));
    expectOk(await this.emit("p:intro", { step: "instructions" }));
    if (answers.length) expectOk(await this.emit("p:intro", { step: "quiz", answers }));
  }

  close() {
    this.socket.close();
  }
}

export function expectOk(ack: { ok: boolean; error?: { message: string } }) {
  if (!ack.ok) throw new Error(`rejected: ${ack.error?.message}`);
  return ack;
}
