/**
 * Where a server's CPU went, from `perf script` output: each sample is counted once, by the innermost
 * stack frame that names a part (socket.io sending, SQLite, the engine, …; the first matching rule in
 * PARTS, frames from the leaf outwards); samples with no such frame are "other". Used for the split in
 * docs/benchmarks.md ("Issue 13, fourth pass"); bench/perf-record.sh records the profile.
 *
 *   perf script -i perf.data | node --import tsx bench/perf-split.ts [main thread id]
 */
import { createInterface } from "node:readline";

/** Parts by the frames that name them, in the order they are tried on each frame. */
export const PARTS: readonly (readonly [string, RegExp])[] = [
  ["garbage collection", /Scaveng|MarkCompact|ConcurrentMarking|Sweeper|Heap::Collect|IncrementalMarking|MinorMC|MemoryAllocator/],
  ["V8 compiler", /compiler::|OptimizingCompile|Compiler::|CompileLazy|Maglev|BaselineBatchCompil|Parser::Parse|PreParser/],
  ["SQLite library", /index\.node|libsql|sqlite/],
  ["Prisma", /@prisma/],
  ["zod", /\/zod\//],
  ["websocket handshakes", /handleUpgrade|handshake|_http_server|onconnection|OnConnection|completeUpgrade|engine\.io\/build\/server\.js/],
  ["receiving", /receiver\.js|socketOnData|decodeString|onStreamRead|readableAddChunk|OnUvRead|uv__read|ondata|onpacket|ondecoded/],
  ["sending (socket.io, engine.io, ws, kernel)", /socket\.io|engine\.io|\/ws\/lib|writev|Writev|clearBuffer|DoTryWrite|hasBinary|encodePacket/],
  ["views", /views\.ts|view-outbox|\/views\/|changedKeys/],
  ["store", /store\.ts|snapshot\.ts|writer\.ts|group-commit/],
  ["engine", /lib\/engine|lib\/games|lib\/core/],
  ["host", /host\.ts/],
  ["socket glue", /sockets\.ts|realtime\//],
  ["timers", /listOnTimeout|processTimers/],
];

/** The part one sample's frames (leaf first) count for. */
export function partOf(frames: readonly string[]): string {
  for (const f of frames) for (const [name, re] of PARTS) if (re.test(f)) return name;
  return "other";
}

export interface Split {
  samples: number;
  mainSamples: number;
  /** Samples per part, all threads and the main thread's alone. */
  parts: Map<string, { all: number; main: number }>;
}

/** Count `perf script` lines: a sample is a header line ("comm tid time: …") followed by its frames. */
export function splitSamples(lines: Iterable<string>, mainTid?: string): Split {
  const split: Split = { samples: 0, mainSamples: 0, parts: new Map() };
  let tid: string | null = null;
  let frames: string[] = [];
  const flush = () => {
    if (tid === null) return;
    const part = partOf(frames);
    const e = split.parts.get(part) ?? { all: 0, main: 0 };
    e.all++;
    split.samples++;
    if (mainTid === undefined || tid === mainTid) {
      e.main++;
      split.mainSamples++;
    }
    split.parts.set(part, e);
  };
  for (const line of lines) {
    if (!line.trim()) continue;
    if (/^\s/.test(line)) frames.push(line);
    else {
      flush();
      tid = line.trim().split(/\s+/)[1] ?? null;
      frames = [];
    }
  }
  flush();
  return split;
}

async function main() {
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin })) lines.push(line);
  const s = splitSamples(lines, process.argv[2]);
  console.log(`${s.samples} samples, ${s.mainSamples} on ${process.argv[2] ? `thread ${process.argv[2]}` : "all threads"}`);
  for (const [part, n] of [...s.parts].sort((a, b) => b[1].all - a[1].all))
    console.log(`${((100 * n.all) / s.samples).toFixed(1).padStart(5)} %  (main thread ${((100 * n.main) / s.samples).toFixed(1).padStart(4)} %)  ${part}`);
}

if (process.argv[1]?.endsWith("perf-split.ts")) await main();
