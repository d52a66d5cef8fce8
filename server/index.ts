/**
 * `npm start`: one Node process serving the Next.js pages, the JSON API and Socket.io on one port.
 * PORT (default 3000), HOST (default 0.0.0.0), DATABASE_URL (default SQLite file data/mechlab.db).
 */
import next from "next";
import { createMechlabApp } from "./app";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const nextApp = next({ dev, hostname: host === "0.0.0.0" ? "localhost" : host, port });
await nextApp.prepare();
const handle = nextApp.getRequestHandler();
const app = await createMechlabApp({ nextHandler: (req, res) => handle(req, res), dev });
const bound = await app.listen(port, host);
const shown = host === "0.0.0.0" ? "localhost" : host;
console.log(`mechlab: ready on http://${shown}:${bound} (admin: http://${shown}:${bound}/admin) — data: ${app.dbUrl.replace(/^file:/, "")}`);

process.on("unhandledRejection", (e) => console.error("mechlab: unhandled rejection:", e));

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await app.close();
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
