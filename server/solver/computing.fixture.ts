/**
 * Test fixture for server/solver/compute.test.ts: a server process (store, solver pool, session manager)
 * that starts an all-bot SSG session whose first round's mechanism step is held in the solver pool, and
 * prints "computing <session id>" once that state is stored. The test then kills it with SIGKILL.
 * Usage: node --import tsx server/solver/computing.fixture.ts <database url>
 */
import { fileURLToPath } from "node:url";
import { COAST } from "../../lib/games/ssg-defense/fixtures";
import { SessionManager } from "../sessions/manager";
import { SessionStore } from "../sessions/store";
import { SolverPool } from "./pool";

/** An SSG session played by bots only, whose every round runs CSW-Max on reports (a step off the event loop). */
export const computingTreatment = {
  name: "ssg computing",
  game: "ssg-defense",
  params: { ...COAST, mode: "coordinated", mechanism: "cswMax", rounds: 2, decisionSeconds: null, resultsSeconds: null },
  bots: { seats: ["truthful", "misreporter", "random"], delayMs: 0 },
  intro: { quiz: [] },
};

const HOLD = fileURLToPath(new URL("./hold.fixture.ts", import.meta.url));

async function main(url: string, seed: string) {
  const store = await SessionStore.open(url);
  const pool = new SolverPool(1);
  const manager = new SessionManager(store, { botDelayMs: 0, solver: pool });
  const a = await manager.create(computingTreatment, { seed, draft: true });
  if (!a.ok) throw new Error(a.errors.join("; "));
  // the pool's only worker solves until the process dies, so the session's step waits behind it
  const flag = new Int32Array(new SharedArrayBuffer(12));
  void pool.run(HOLD, "solveUntilReleased", { flag }).catch(() => undefined);
  while (Atomics.load(flag, 2) === 0) await new Promise((r) => setTimeout(r, 5));
  await a.host.dispatch({ actorKind: "admin", participantId: null }, { kind: "open" });
  while (!a.host.state.groups.some((g) => g.status === "computing")) await new Promise((r) => setTimeout(r, 5));
  await a.host.drain();
  process.stdout.write(`computing ${a.host.id}\n`);
  setInterval(() => undefined, 1000); // wait for the kill
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv[2]!, process.argv[3] ?? "computing-kill");
