/**
 * The session's participants map (keyed by participant id) with structural sharing, so that a command
 * that changes one participant of 1,000 (or 5,000) does not copy the whole map.
 *
 * Entries live in insertion order in fixed chunks of CHUNK values; a key's position comes from an index
 * shared by every version until a key is added. A draft (lib/engine/draft.ts) takes `edit()` of the
 * map: that copies the list of chunks (n / CHUNK references), and `set` copies a chunk the first time
 * the draft changes one of its entries. Every other chunk, and every untouched value, keeps its identity,
 * so `changedKeys` finds what a command changed by comparing chunks first and values inside the chunks
 * that differ.
 *
 * It serialises as the plain record `{ [key]: value }` (`toJSON`), so stored snapshots, exports and
 * views do not change; `ChunkMap.fromRecord` reads it back. Internal fields are private (#), so tests
 * compare two maps by their entries (vitest iterates them) and not by their chunk layout.
 */

const BITS = 5;
/** Values per chunk: a draft's first change to a chunk copies this many references. */
export const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;

export class ChunkMap<V> implements Iterable<[string, V]> {
  /** key → position; shared between versions until one adds a key (then copied). */
  #index: Map<string, number>;
  /** Keys by position (insertion order); shared like the index. */
  #keys: string[];
  #chunks: V[][];
  /** Editable versions (made by `edit()`): chunks this version copied and may change; null: read-only. */
  #owned: Set<number> | null;
  /** Whether this version has its own index and key list (copied on the first added key). */
  #ownKeys: boolean;

  private constructor(index: Map<string, number>, keys: string[], chunks: V[][], owned: Set<number> | null, ownKeys: boolean) {
    this.#index = index;
    this.#keys = keys;
    this.#chunks = chunks;
    this.#owned = owned;
    this.#ownKeys = ownKeys;
  }

  static empty<V>(): ChunkMap<V> {
    return new ChunkMap<V>(new Map(), [], [], null, false);
  }

  /** A map of these entries, in this order (a repeated key keeps its first position and its last value). */
  static fromEntries<V>(entries: Iterable<readonly [string, V]>): ChunkMap<V> {
    const m = new ChunkMap<V>(new Map(), [], [], new Set(), true);
    for (const [k, v] of entries) m.#put(k, v);
    m.#owned = null;
    return m;
  }

  /** A map of the record's own entries (e.g. a stored snapshot), in its key order. */
  static fromRecord<V>(record: Readonly<Record<string, V>>): ChunkMap<V> {
    return ChunkMap.fromEntries(Object.keys(record).map((k) => [k, record[k]!] as const));
  }

  get size(): number {
    return this.#keys.length;
  }

  get(key: string): V | undefined {
    const i = this.#index.get(key);
    return i === undefined ? undefined : this.#chunks[i >> BITS]![i & MASK];
  }

  has(key: string): boolean {
    return this.#index.has(key);
  }

  /** Keys in insertion order. */
  keys(): IterableIterator<string> {
    return this.#keys.values();
  }

  *values(): IterableIterator<V> {
    for (const chunk of this.#chunks) yield* chunk;
  }

  *entries(): IterableIterator<[string, V]> {
    const keys = this.#keys;
    let i = 0;
    for (const chunk of this.#chunks) for (const v of chunk) yield [keys[i++]!, v];
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  /** Values in insertion order, as an array (a snapshot: safe to change the map while walking it). */
  toArray(): V[] {
    const out = new Array<V>(this.#keys.length);
    let i = 0;
    for (const chunk of this.#chunks) for (let j = 0; j < chunk.length; j++) out[i++] = chunk[j]!;
    return out;
  }

  /** Calls `fn` with each value in insertion order (no copy: do not change the map meanwhile). */
  forEach(fn: (v: V) => void): void {
    for (const chunk of this.#chunks) for (let j = 0; j < chunk.length; j++) fn(chunk[j]!);
  }

  /** Whether some value passes the test (stops at the first). */
  some(test: (v: V) => boolean): boolean {
    for (const chunk of this.#chunks) for (const v of chunk) if (test(v)) return true;
    return false;
  }

  /** Whether every value passes the test (stops at the first that does not). */
  every(test: (v: V) => boolean): boolean {
    return !this.some((v) => !test(v));
  }

  /** The plain record `{ [key]: value }`: what `JSON.stringify` writes (a "__proto__" key stays an own entry). */
  toJSON(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [k, v] of this.entries()) {
      if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
    }
    return out;
  }

  /**
   * An editable version sharing every chunk with this one (for a draft: copies n / CHUNK references).
   * This version becomes read-only, so the chunks the two now share are never written again.
   */
  edit(): ChunkMap<V> {
    this.#owned = null;
    return new ChunkMap<V>(this.#index, this.#keys, this.#chunks.slice(), new Set(), false);
  }

  /** Set a value in an editable version (`edit()`); the first change to a chunk copies that chunk. */
  set(key: string, value: V): void {
    if (this.#owned === null || Object.isFrozen(this)) throw new TypeError("ChunkMap: read-only (change it in a draft: lib/engine/draft.ts)");
    this.#put(key, value);
  }

  #put(key: string, value: V): void {
    let i = this.#index.get(key);
    if (i === undefined) {
      if (!this.#ownKeys) {
        this.#index = new Map(this.#index);
        this.#keys = this.#keys.slice();
        this.#ownKeys = true;
      }
      i = this.#keys.length;
      this.#keys.push(key);
      this.#index.set(key, i);
    }
    const c = i >> BITS;
    const owned = this.#owned!;
    if (!owned.has(c)) {
      this.#chunks[c] = this.#chunks[c]?.slice() ?? [];
      owned.add(c);
    }
    this.#chunks[c]![i & MASK] = value;
  }

  /**
   * Keys whose value is not the same object in `prev` (an earlier version of this map; null: every key),
   * in insertion order. Chunks shared with `prev` are skipped without looking inside.
   */
  changedKeys(prev: ChunkMap<V> | null | undefined): string[] {
    if (!prev) return this.#keys.slice();
    if (prev === this) return [];
    const keys = this.#keys;
    const out: string[] = [];
    if (!samePrefix(prev.#keys, keys)) {
      // not an earlier version of this map (built separately): compare by key
      for (const [k, v] of this.entries()) if (prev.get(k) !== v) out.push(k);
      return out;
    }
    const mine = this.#chunks;
    const theirs = prev.#chunks;
    for (let c = 0; c < mine.length; c++) {
      const a = mine[c]!;
      const b = theirs[c];
      if (a === b) continue;
      const base = c << BITS;
      for (let j = 0; j < a.length; j++) if (b === undefined || j >= b.length || a[j] !== b[j]) out.push(keys[base + j]!);
    }
    return out;
  }

  /** Make this version read-only for good, and its chunks frozen (tests: lib/engine/draft.ts `deepFreeze`). */
  freeze(): this {
    this.#owned = null;
    for (const chunk of this.#chunks) Object.freeze(chunk);
    Object.freeze(this.#chunks);
    return Object.freeze(this);
  }
}

/** Whether `a` is `b` or a prefix of it (so positions mean the same keys in both). */
function samePrefix(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
