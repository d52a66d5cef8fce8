import WebSocket from "ws";

/**
 * A raw Socket.IO websocket (engine.io v4) for tests of what the server does below Socket.IO's client: every
 * message the server sends, the pongs it answers ping frames with, and when it closed. Answers engine.io's
 * heartbeat as a browser does.
 */
export function rawSocket(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  const got: string[] = [];
  let pongs = 0;
  const closed = new Promise<void>((r) => ws.once("close", () => r()));
  ws.on("pong", () => pongs++);
  ws.on("error", () => undefined); // a connection the server drops may end in ECONNRESET: `closed` says so
  ws.on("message", (m) => {
    const s = m.toString();
    got.push(s);
    if (s === "2") ws.send("3"); // engine.io ping
  });
  const open = new Promise<void>((r, rej) => (ws.once("open", () => r()), ws.once("error", rej)));
  return { ws, got, closed, open, pongs: () => pongs };
}

/** Whether `p` settles within `ms`. */
export const within = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
