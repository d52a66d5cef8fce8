/**
 * Test fixture for server/solver/pool.test.ts: keeps a worker busy with real SSG solves until the main
 * thread releases it through shared memory, so the test can act while the worker is provably busy.
 */
import { solveNse } from "../../lib/mechanisms/ssg";
import { section45Game } from "../../lib/mechanisms/ssg/testing";

/** Solve the §4.5 game (exact-budget stage) again and again until flag[0] ≠ 0; returns the number of solves. */
export function solveUntilReleased(input: { flag: Int32Array }): number {
  let solves = 0;
  Atomics.store(input.flag, 1, 1); // started
  while (Atomics.load(input.flag, 0) === 0) {
    solveNse(section45Game);
    solves++;
    Atomics.store(input.flag, 2, solves);
  }
  return solves;
}
