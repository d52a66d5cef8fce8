/**
 * `mechlab replay` on the simulate output of every example treatment (every round must match), on
 * tampered copies (each tampering is listed, exit 1) and on bad input (exit 2).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReplay, type ReplayIo } from "./replay";
import { runSimulate } from "./simulate";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const treatments = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")).sort();

function capture(): ReplayIo & { text: () => string } {
  let buf = "";
  return { out: (t) => (buf += t), err: (t) => (buf += t), text: () => buf };
}

type StoredRound = { group: string; round: number; mechanism: { id: string; version: string }; input: Record<string, unknown>; output: unknown };

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "mechlab-replay-"));
  delete process.env.DATABASE_URL;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("mechlab replay", () => {
  it("finds the example treatments", () => expect(treatments.length).toBeGreaterThanOrEqual(10));

  it.each(treatments)("replays every round of a simulated session of %s", async (file) => {
    const out = join(root, file.replace(/\.json$/, ""));
    expect(await runSimulate([join(EXAMPLES, file), "--out", out, "--seed", "replay"])).toBe(0);
    const io = capture();
    expect(await runReplay([out], io), io.text()).toBe(0);
    expect(io.text()).toMatch(/all match/);
    const session = readdirSync(out).find((d) => !d.startsWith("simulate.db"))!;
    const rounds = JSON.parse(readFileSync(join(out, session, "rounds.json"), "utf8")) as StoredRound[];
    expect(rounds.length).toBeGreaterThan(0);
  }, 120_000);

  describe("tampered exports", () => {
    let session = "";
    let rounds: StoredRound[] = [];
    beforeAll(async () => {
      const out = join(root, "tamper-src");
      expect(await runSimulate([join(EXAMPLES, "ids-investment-3.json"), "--out", out, "--seed", "tamper"])).toBe(0);
      session = join(out, readdirSync(out).find((d) => !d.startsWith("simulate.db"))!);
      rounds = JSON.parse(readFileSync(join(session, "rounds.json"), "utf8")) as StoredRound[];
    });
    const tampered = (name: string, change: (r: StoredRound[]) => void) => {
      const dir = join(root, name);
      cpSync(session, dir, { recursive: true });
      const copy = structuredClone(rounds);
      change(copy);
      writeFileSync(join(dir, "rounds.json"), JSON.stringify(copy, null, 2));
      return dir;
    };

    it("lists a changed output number with its round, group and path", async () => {
      const dir = tampered("changed-output", (r) => {
        const o = r[1]!.output as { cost: number[] };
        o.cost[2] = o.cost[2]! + 0.5;
      });
      const io = capture();
      expect(await runReplay([dir], io)).toBe(1);
      const r = rounds[1]!;
      const cost = (r.output as { cost: number[] }).cost[2]!;
      expect(io.text()).toContain(`round ${r.round} group ${r.group} ids-unregulated@1.0.0: cost[2]: recorded ${cost + 0.5}, recomputed ${cost}`);
      expect(io.text()).toMatch(/1 differ/);
    });

    it("reports a mechanism version it does not know", async () => {
      const dir = tampered("changed-version", (r) => (r[0]!.mechanism.version = "0.9.0"));
      const io = capture();
      expect(await runReplay([dir], io)).toBe(1);
      expect(io.text()).toMatch(/mechanism: no mechanism unit ids-unregulated@0\.9\.0/);
    });

    it("reports an input with a field dropped", async () => {
      const dir = tampered("dropped-input", (r) => delete r[0]!.input.endowment);
      const io = capture();
      expect(await runReplay([dir], io)).toBe(1);
      expect(io.text()).toMatch(/input\.endowment: the recorded input does not fit ids-unregulated@1\.0\.0/);
    });

    it("reads an admin download (mechlab-<session>-rounds.json) in a folder, or the file itself", async () => {
      const dir = mkdtempSync(join(root, "download-"));
      const file = join(dir, "mechlab-abc123-rounds.json");
      writeFileSync(file, readFileSync(join(session, "rounds.json")));
      let io = capture();
      expect(await runReplay([dir], io), io.text()).toBe(0);
      expect(io.text()).toContain(`replayed ${rounds.length} round(s): all match`);
      io = capture();
      expect(await runReplay([file], io)).toBe(0);
    });

    it("keeps floats within the documented tolerance as equal, and the untouched copy matches", async () => {
      const dir = tampered("rounding", (r) => {
        const o = r[0]!.output as { risk: number[] };
        o.risk[0] = o.risk[0]! * (1 + 1e-12);
      });
      expect(await runReplay([dir], capture())).toBe(0);
    });
  });

  it("refuses a missing folder, invalid JSON and a file that is not rounds.json (exit 2, saying what to do)", async () => {
    let io = capture();
    expect(await runReplay([join(root, "nowhere")], io)).toBe(2);
    expect(io.text()).toMatch(/does not exist: give the folder of an export/);
    const bad = join(root, "bad-json");
    cpSync(join(root, "tamper-src"), bad, { recursive: true });
    const session = readdirSync(bad).find((d) => !d.startsWith("simulate.db"))!;
    writeFileSync(join(bad, session, "rounds.json"), "{ not json");
    io = capture();
    expect(await runReplay([join(bad, session)], io)).toBe(2);
    expect(io.text()).toMatch(/cannot read .*rounds\.json as JSON/);
    writeFileSync(join(bad, session, "rounds.json"), JSON.stringify({ rows: [] }));
    io = capture();
    expect(await runReplay([join(bad, session)], io)).toBe(2);
    expect(io.text()).toMatch(/is not a rounds\.json export/);
    const empty = mkdtempSync(join(root, "empty-"));
    io = capture();
    expect(await runReplay([empty], io)).toBe(2);
    expect(io.text()).toMatch(/no rounds\.json/);
    expect(await runReplay([], capture())).toBe(2);
  });
});
