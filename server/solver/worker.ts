/**
 * Worker thread of the SolverPool: runs one exported pure function of a module at a time and posts
 * its result (or error message) back. Messages are parsed with zod.
 */
import { parentPort } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { z } from "zod";

const Job = z.strictObject({ id: z.number().int(), module: z.string().min(1), fn: z.string().min(1), input: z.unknown() });

const port = parentPort;
if (!port) throw new Error("server/solver/worker.ts must run in a worker thread");

port.on("message", async (msg: unknown) => {
  const job = Job.safeParse(msg);
  if (!job.success) return;
  const { id, module, fn, input } = job.data;
  try {
    const mod: Record<string, unknown> = await import(pathToFileURL(module).href);
    const f = mod[fn];
    if (typeof f !== "function") throw new Error(`${module} has no exported function ${fn}`);
    const value: unknown = await f(input);
    port.postMessage({ id, ok: true, value });
  } catch (e) {
    port.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
