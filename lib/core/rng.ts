/**
 * Seeded, serialisable pseudo-random numbers (mulberry32). `lib/` never calls Math.random():
 * every draw comes from an Rng whose state is stored with the session, so any round can be replayed.
 */
export interface RngState {
  s: number;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Current state, to persist and resume later. */
  state(): RngState;
}

/** Hash any string (e.g. a session seed) to a 32-bit state. */
export function seedFrom(text: string): RngState {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return { s: h };
}

/** Create an Rng that continues from `st`. */
export function makeRng(st: RngState): Rng {
  let s = st.s >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    state: () => ({ s }),
  };
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
