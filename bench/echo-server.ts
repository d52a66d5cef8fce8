/**
 * The bare Socket.IO baseline of the load benchmark (bench/socket-load.ts): the same Socket.IO server
 * options as mechlab's and the same events, but no session, engine or database. Every participant walks
 * through the same screens (consent, instructions, then decide and results per round, then done); each
 * intent is acknowledged at once and answered with the next screen's view. Prints its port; on a line
 * "stats" on stdin prints its CPU time and memory.
 *
 *   node --import tsx bench/echo-server.ts --rounds 3
 */
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import { mainThreadCpuMs } from "./thread-cpu";

const i = process.argv.indexOf("--rounds");
const ROUNDS = i > 0 ? Number(process.argv[i + 1]) : 3;

interface Seat {
  stage: "intro" | "playing" | "done";
  introStep: "consent" | "instructions";
  round: number;
  phase: "decide" | "results";
  version: number;
}

/** A view of the same shape (and about the size) of mechlab's participant view of the IDS game. */
const viewOf = (token: string, s: Seat) => ({
  sessionId: "baseline",
  participantId: token,
  title: "Study",
  decimals: null,
  seat: 0,
  gameId: "ids-investment",
  status: "running",
  stage: s.stage,
  introStep: s.introStep,
  label: null,
  intro: { consent: "Consent text of the study.", instructions: "Instructions of the study.", quiz: [] },
  waiting: { ready: 4, needed: 4 },
  play:
    s.stage === "playing"
      ? { groupId: "g1", round: s.round, rounds: ROUNDS, phase: s.phase, phaseSeq: s.round * 2 + (s.phase === "results" ? 1 : 0), phaseLabel: s.phase, phaseKind: s.phase === "decide" ? "decision" : "info", remainingMs: null, groupSize: 4, pendingCount: 1, myTurn: true, endedBy: null, role: "player", game: { alpha: 10, c: 1, xMax: 5 } }
      : null,
  history: [],
  totalPoints: 0,
  done: s.stage === "done" ? { totalPoints: 0, payout: 0, currency: "EUR", completionCode: "BASELINE", redirectUrl: null } : null,
  botPlaying: false,
});

const http = createServer((_req, res) => res.writeHead(404).end());
// the options of mechlab's server (server/app.ts)
const io = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000, maxHttpBufferSize: 64 * 1024, transports: ["websocket"] });
io.on("connection", (socket) => {
  const token = String((socket.handshake.auth as { token?: unknown }).token ?? "");
  const seat: Seat = { stage: "intro", introStep: "consent", round: 1, phase: "decide", version: 1 };
  const push = () => socket.emit("p:view", { view: viewOf(token, seat), serverNow: Date.now() });
  socket.on("p:intro", (_req: unknown, ack: unknown) => {
    if (seat.introStep === "consent") seat.introStep = "instructions";
    else seat.stage = "playing";
    seat.version++;
    if (typeof ack === "function") ack({ ok: true, data: { version: seat.version } });
    push();
  });
  socket.on("p:action", (_req: unknown, ack: unknown) => {
    seat.version++;
    if (typeof ack === "function") ack({ ok: true, data: { version: seat.version, duplicate: false } });
    if (seat.phase === "decide") seat.phase = "results";
    else if (seat.round < ROUNDS) {
      seat.round++;
      seat.phase = "decide";
    } else seat.stage = "done";
    push();
  });
  push();
});
http.listen(0, "127.0.0.1", () => {
  const a = http.address();
  process.stdout.write(`PORT ${typeof a === "object" && a ? a.port : 0}\n`);
});
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "stats") {
    const u = process.cpuUsage();
    process.stdout.write(`STATS ${JSON.stringify({ cpuMs: (u.user + u.system) / 1000, mainCpuMs: mainThreadCpuMs(), rssMB: process.memoryUsage().rss / 2 ** 20 })}\n`);
  }
});
process.on("SIGTERM", () => io.close(() => process.exit(0)));
