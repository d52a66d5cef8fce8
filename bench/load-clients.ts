/**
 * The simulated participants of the Socket.io load benchmark (bench/socket-load.ts): real
 * socket.io-client websocket connections in this process, each answering every screen of the IDS game
 * after a random think time and waiting for the ack. Run as a child process with `--job-on-stdin`: the
 * job (tokens, load shape) comes as JSON on stdin, the result is printed as one JSON line prefixed "RESULT ".
 * The same clients drive the bare Socket.IO baseline (bench/echo-server.ts), which speaks the same events.
 */
import { io as ioc, type Socket } from "socket.io-client";
import type { ParticipantView } from "../lib/engine/views";

export interface ClientJob {
  base: string;
  /** The link tokens this process plays, with their global index (for the connection ramp). */
  tokens: { i: number; token: string }[];
  /** Epoch ms at which client 0 connects; client i connects at startAt + floor(i / 50) * rampMs. */
  startAt: number;
  rampMs: number;
  thinkMinMs: number;
  thinkMaxMs: number;
  timeoutMs: number;
  /** Ask for the view a participant's own intent changed in its answer (auth.viewsInAcks). */
  viewsInAcks?: boolean;
}

export interface ClientResult {
  outcome: "ok" | "timeout";
  latencies: number[];
  /** Views received as p:view messages. */
  views: number;
  /** Views received in the answer to an intent (auth.viewsInAcks). */
  viewsInAcks: number;
  sent: number;
  acked: number;
  rejected: number;
  unacked: number;
  connectErrors: string[];
  rejections: string[];
  stuck: string[];
  /** Epoch ms when the first intent was sent and when the last client finished. */
  firstSendAt: number;
  lastDoneAt: number;
}

type ActionAck = { ok: boolean; data?: { view?: { view: ParticipantView } }; error?: { code: string; message: string } };

export async function runClients(job: ClientJob): Promise<ClientResult> {
  const res: ClientResult = { outcome: "ok", latencies: [], views: 0, viewsInAcks: 0, sent: 0, acked: 0, rejected: 0, unacked: 0, connectErrors: [], rejections: [], stuck: [], firstSendAt: 0, lastDoneAt: 0 };
  const stuckReport: (() => string)[] = [];
  const sockets: Socket[] = [];
  const done: Promise<void>[] = [];
  for (const { i, token } of job.tokens) {
    const wait = job.startAt + Math.floor(i / 50) * job.rampMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const s = ioc(job.base, { transports: ["websocket"], auth: { token, viewsInAcks: job.viewsInAcks === true }, forceNew: true, timeout: 60_000,
      // as a browser does: a connection that fails (or drops) is tried again, and the server sends the current view on connect
      reconnection: true, reconnectionAttempts: 10, reconnectionDelay: 500 });
    sockets.push(s);
    s.on("connect_error", (e) => res.connectErrors.push(e.message));
    let busy = false;
    let step = "";
    done.push(
      new Promise<void>((resolve) => {
        let last: ParticipantView | null = null;
        const finish = () => {
          res.lastDoneAt = Math.max(res.lastDoneAt, Date.now());
          resolve();
        };
        /** A view that came in an answer (before the answer is handled, as the browser does). */
        const riding = (ack: ActionAck | undefined) => {
          if (!ack?.ok || !ack.data?.view) return;
          res.viewsInAcks++;
          last = ack.data.view.view;
        };
        const act = () => {
          const view = last;
          if (!view) return;
          if (view.stage === "done") return finish();
          if (busy) return;
          if (view.stage === "intro") {
            const key = `intro-${view.introStep}`;
            if (key === step) return;
            step = key;
            s.emit("p:intro", { step: view.introStep }, (ack: ActionAck) => {
              riding(ack);
              act();
            });
            return;
          }
          const play = view.play;
          if (!play || !play.myTurn) return;
          const key = `${play.round}-${play.phase}`;
          if (key === step) return;
          step = key;
          const payload = play.phase === "decide" ? { type: "invest", x: Math.round(Math.random() * 500) / 100 } : { type: "continue" };
          busy = true;
          const think = job.thinkMinMs + Math.random() * (job.thinkMaxMs - job.thinkMinMs);
          setTimeout(() => {
            const start = performance.now();
            if (!res.firstSendAt) res.firstSendAt = Date.now();
            res.sent++;
            let late = false;
            const timer = setTimeout(() => {
              late = true; // counted as unacked; an answer that still comes is not counted again
              res.unacked++;
              busy = false;
              step = ""; // sent again with the same clientActionId (counted once), as the browser does
              act();
            }, 10_000);
            // a clientActionId must start with a letter or digit (a token may start with - or _)
            const clientActionId = `a${i}-${token.slice(0, 12)}-${key}`;
            s.emit("p:action", { clientActionId, action: payload, at: { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } }, (ack: ActionAck) => {
              clearTimeout(timer);
              if (late) return;
              res.latencies.push(performance.now() - start);
              riding(ack);
              if (ack.ok) res.acked++;
              else {
                res.rejected++;
                res.rejections.push(`${key}: ${ack.error?.code} ${ack.error?.message}`);
              }
              busy = false;
              act(); // a view that arrived while waiting for the ack may need an answer
            });
          }, think);
        };
        s.on("p:view", ({ view }: { view: ParticipantView }) => {
          res.views++;
          last = view;
          act();
        });
        stuckReport.push(() =>
          last?.stage === "done"
            ? ""
            : `${i}: ${last ? `${last.stage}/${last.introStep}/${last.play?.round}/${last.play?.phase}/turn=${last.play?.myTurn}/pending=${last.play?.pendingCount} waiting=${JSON.stringify(last.waiting)}` : "no view"} busy=${busy} step=${step} connected=${s.connected}`,
        );
      }),
    );
  }
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), Math.max(1, job.startAt + job.timeoutMs - Date.now())).unref());
  res.outcome = await Promise.race([Promise.all(done).then(() => "ok" as const), timeout]);
  // acks still on their way
  for (let k = 0; k < 100 && res.acked + res.rejected + res.unacked < res.sent; k++) await new Promise((r) => setTimeout(r, 50));
  if (res.outcome !== "ok") res.stuck = stuckReport.map((f) => f()).filter(Boolean).slice(0, 12);
  res.rejections = res.rejections.slice(0, 5);
  res.connectErrors = [...new Set(res.connectErrors)];
  for (const s of sockets) s.close();
  return res;
}

if (process.argv.includes("--job-on-stdin")) {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  const job = JSON.parse(text) as ClientJob;
  const r = await runClients(job);
  process.stdout.write(`RESULT ${JSON.stringify(r)}\n`, () => process.exit(0));
}
