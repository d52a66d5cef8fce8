/**
 * Seeded, serialisable pseudo-random numbers: xoroshiro128+ from pure-rand (128 bits of state).
 * `lib/` never calls Math.random(): every draw comes from an Rng whose state is stored with the session,
 * so any round can be replayed. 128 bits of state let random matching reach every order of the seats
 * (13! > 2^32, so a 32-bit generator could not draw most orders of 13 or more seats).
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { z } from "zod";

/** The generator's full state: four signed 32-bit words, as pure-rand's xoroshiro128plus keeps them. */
export interface RngState {
  xoroshiro128plus: [number, number, number, number];
}

const word = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);
/** Schema of a stored state (e.g. in a mechanism unit's input). */
export const RngStateSchema = z.object({ xoroshiro128plus: z.tuple([word, word, word, word]) });

/** The state written by mechlab before the 64-bit generator (mulberry32, 32 bits). */
export interface LegacyRngState {
  s: number;
}

export interface Rng {
  /** Uniform in [0, 1), a multiple of 2^-53. */
  next(): number;
  /** Uniform integer in [0, n), without modulo bias; n must be a whole number from 1 to 2^32. */
  int(n: number): number;
  /** Current state, to persist and resume later. */
  state(): RngState;
}

/**
 * Hash text to 128 bits (cyrb128: four interleaved 32-bit multiply-xor lanes). Pure and portable:
 * the same string gives the same state on every platform.
 */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 | 0, h2 | 0, h3 | 0, h4 | 0];
}

/** xoroshiro128+ must not start from the all-zero state (it would stay there). */
function nonZero(w: [number, number, number, number]): RngState {
  return { xoroshiro128plus: w.every((x) => x === 0) ? [0, 0, 0, 1] : w };
}

/** Hash any string (e.g. a session seed) to a full 128-bit state. */
export function seedFrom(text: string): RngState {
  return nonZero(cyrb128(text));
}

/**
 * A new state derived from `st` and some labels (e.g. a seat and a phase), without advancing `st`:
 * used for bots, whose draws must not change the group's stream.
 */
export function deriveState(st: RngState, ...labels: (string | number)[]): RngState {
  return seedFrom(`${st.xoroshiro128plus.join(",")}|${labels.join("|")}`);
}

/**
 * Convert a stored state to the current format. A legacy `{ s }` (mulberry32) state is expanded
 * deterministically (the same old state always gives the same new stream); anything else is refused.
 */
export function upgradeRngState(st: RngState | LegacyRngState): RngState {
  if ("xoroshiro128plus" in st) return st;
  return seedFrom(`mulberry32:${st.s >>> 0}`);
}

/** Whether two states are the same (the next draws would be equal). */
export function sameRngState(a: RngState, b: RngState): boolean {
  return a.xoroshiro128plus.every((w, i) => w === b.xoroshiro128plus[i]);
}

/** Create an Rng that continues from `st` (a legacy state is upgraded first). */
export function makeRng(st: RngState | LegacyRngState): Rng {
  const gen = xoroshiro128plusFromState(upgradeRngState(st).xoroshiro128plus);
  return {
    next: () => uniformFloat64(gen),
    int: (n) => {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`rng.int(n) needs a whole number n from 1 to 2^32, got ${n}`);
      return uniformInt(gen, 0, n - 1);
    },
    state: () => {
      const [a = 0, b = 0, c = 0, d = 0] = gen.getState();
      return { xoroshiro128plus: [a, b, c, d] };
    },
  };
}

/**
 * Draw 128 bits from `rng` (advancing it) as the state of a separate stream: a computation that records
 * this state in its input (a mechanism unit's draws) can be repeated exactly from its record.
 */
export function splitRng(rng: Rng): RngState {
  const w = () => rng.int(2 ** 32) | 0;
  return nonZero([w(), w(), w(), w()]);
}

/** Fisher–Yates shuffle with a seeded Rng (returns a new array). */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a;
}
