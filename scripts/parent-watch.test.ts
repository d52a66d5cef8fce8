/**
 * `npm start` stopped with SIGTERM: npm passes it to its `sh -c`, which dies without passing it on, and the
 * server it started would keep running and hold the port. scripts/start.mjs, started by npm, notices that
 * its parent is gone and stops the server (scripts/parent-watch.mjs). Checked here with the real npm and a
 * stand-in for start.mjs (the real one builds the pages first).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { whenOrphaned } from "./parent-watch.mjs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Whether the process runs (a zombie, exited but not yet reaped by an init that does not reap, does not). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc (not Linux): signal 0 reached it
  }
};

describe("npm start stopped with SIGTERM", () => {
  const dir = mkdtempSync(join(tmpdir(), "mechlab-parent-watch-"));
  const leftover: number[] = [];
  afterAll(() => {
    for (const pid of leftover) if (alive(pid)) process.kill(pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("calls back once when the parent changes, not before", async () => {
    let parent = 100;
    let calls = 0;
    const stop = whenOrphaned(() => calls++, { everyMs: 10, ppid: () => parent });
    await sleep(60);
    expect(calls).toBe(0);
    parent = 1;
    await sleep(60);
    expect(calls).toBe(1);
    parent = 7;
    await sleep(60);
    expect(calls).toBe(1);
    stop();
  });

  it("the process npm started, and the server it started, stop when npm is terminated", async () => {
    const watch = pathToFileURL(join(import.meta.dirname, "parent-watch.mjs")).href;
    // what scripts/start.mjs does once the pages are built: start the server, forward SIGTERM, watch the parent
    writeFileSync(
      join(dir, "fixture.mjs"),
      `import { spawn } from "node:child_process";
import { whenOrphaned } from ${JSON.stringify(watch)};
const child = spawn(process.execPath, ["-e", "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000)"], { stdio: "inherit" });
if (process.env.npm_lifecycle_event === "start") whenOrphaned(() => child.kill("SIGTERM"), { everyMs: 100 });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
console.log("PIDS " + process.pid + " " + child.pid);
`,
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "fixture", version: "1.0.0", private: true, scripts: { start: "node fixture.mjs" } }));
    // its own process group, as a service manager or `setsid` would start it
    const npm = spawn("npm", ["start"], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "inherit"] });
    const pids = await new Promise<number[]>((res, rej) => {
      let out = "";
      npm.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /PIDS (\d+) (\d+)/.exec(out);
        if (m) res([Number(m[1]), Number(m[2])]);
      });
      npm.on("exit", (c) => rej(new Error(`npm start exited with ${c}: ${out}`)));
    });
    leftover.push(...pids);
    expect(pids.every(alive)).toBe(true);
    process.kill(npm.pid!, "SIGTERM"); // npm only, not its process group
    const end = Date.now() + 10_000;
    while (pids.some(alive) && Date.now() < end) await sleep(100);
    expect(pids.filter(alive), "processes still running after npm was terminated").toEqual([]);
  }, 60_000);
});
