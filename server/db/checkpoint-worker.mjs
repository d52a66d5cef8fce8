// The WAL checkpointer's thread (server/db/checkpointer.ts): its own connection to the SQLite file copies
// committed pages from the WAL into the database (PRAGMA wal_checkpoint(PASSIVE): never waits for, nor
// blocks, the writer or readers) every `intervalMs`, so that no commit on the server's event loop has to.
// Plain JavaScript: nothing to compile in this thread.
import { closeSync, openSync, readSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import Database from "libsql";

const { path, intervalMs } = workerData;
const db = new Database(path);
db.prepare("PRAGMA busy_timeout=5000").get();
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
let runs = 0;
let frames = 0;
let lastDone = 0;
let lastSalts = "";
const header = Buffer.alloc(32);
/** The WAL header's two salts (bytes 16–23), which change whenever the WAL starts again. */
const walSalts = () => {
  try {
    const fd = openSync(`${path}-wal`, "r");
    try {
      readSync(fd, header, 0, 32, 0);
    } finally {
      closeSync(fd);
    }
    return header.subarray(16, 24).toString("hex");
  } catch {
    return "";
  }
};
const tick = () => {
  try {
    const r = checkpoint.get();
    runs++;
    // `checkpointed` counts every frame of the current WAL copied so far (by any checkpoint); it starts
    // again from 0 when a writer restarts the WAL, which gives the WAL header new salts
    const done = Math.max(0, Number(r?.checkpointed ?? 0));
    const salts = walSalts();
    frames += salts === lastSalts && done >= lastDone ? done - lastDone : done;
    lastDone = done;
    lastSalts = salts;
    parentPort.postMessage({ k: "checkpointed", runs, frames, log: Number(r?.log ?? 0), done });
  } catch (e) {
    // SQLITE_BUSY (another checkpoint runs) and the like: the next tick tries again
    parentPort.postMessage({ k: "skipped", message: e instanceof Error ? e.message : String(e) });
  }
};
const timer = setInterval(tick, intervalMs);
parentPort.on("message", (m) => {
  if (m?.k === "checkpoint") tick();
  if (m?.k === "stop") {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ k: "ready" });
