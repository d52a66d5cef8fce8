import { describe, expect, it } from "vitest";
import { partOf, splitSamples } from "./perf-split";

// three samples as `perf script` prints them (frames leaf first), two on the main thread 100
const script = `node   100 12.5:     250000 cpu-clock:
\t    1 v8::internal::JsonStringifier::SerializeString (/usr/bin/node)
\t    2 JS:*encode /app/node_modules/socket.io-parser/build/cjs/index.js:58:11 (/tmp/perf-100.map)
\t    3 JS:*runBatch file:///app/server/sessions/host.ts:1:2782 (/tmp/perf-100.map)

node   100 12.6:     250000 cpu-clock:
\t    4 sqlite3VdbeExec (/app/node_modules/@libsql/linux-x64-gnu/index.node)
\t    5 JS:*write file:///app/server/sessions/store.ts:1:2147 (/tmp/perf-100.map)

node   104 12.7:     250000 cpu-clock:
\t    6 v8::internal::compiler::GraphReducer::ReduceTop (/usr/bin/node)
\t    7 start_thread (/usr/lib/x86_64-linux-gnu/libc.so.6)
`;

describe("perf-split", () => {
  it("counts each sample once, by its innermost frame that names a part", () => {
    const s = splitSamples(script.split("\n"), "100");
    expect(s.samples).toBe(3);
    expect(s.mainSamples).toBe(2);
    // JSON.stringify inside socket.io's encoder is sending, not the host that called it
    expect(s.parts.get("sending (socket.io, engine.io, ws, kernel)")).toEqual({ all: 1, main: 1 });
    expect(s.parts.get("SQLite library")).toEqual({ all: 1, main: 1 });
    expect(s.parts.get("V8 compiler")).toEqual({ all: 1, main: 0 });
    expect(s.parts.has("host")).toBe(false);
  });

  it("calls a sample with no named frame other", () => {
    expect(partOf(["    1 finish_task_switch.isra.0 ([kernel.kallsyms])"])).toBe("other");
    expect(partOf(["    1 JS:*reduce file:///app/lib/engine/reduce.ts:1:462"])).toBe("engine");
  });
});
