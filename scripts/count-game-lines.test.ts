import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { games } from "../lib/games/registry";
import { countGame, countLines, gameIds } from "./count-game-lines.mjs";

describe("game size on the kit (the figures in docs/adding-a-game.md)", () => {
  it("counts code lines: blank and comment-only lines (line, block, JSX) do not count", () => {
    const text = ["/**", " * doc", " */", "import x from 'y';", "", "// note", "const a = 1; // trailing", "/* one */ const b = 2;", "{/* jsx */}", ""].join("\n");
    expect(countLines(text)).toEqual({ total: 9, code: 3 });
  });

  // lib/ was 200; declaring the private data (`privateData`, for the leaderboard warning and the view-leak check) adds 2
  it("ids-investment takes at most 202 code lines in lib/ and 150 in app/, tests excluded", () => {
    const n = countGame("ids-investment");
    expect(n.lib.code).toBeLessThanOrEqual(202);
    expect(n.app.code).toBeLessThanOrEqual(150);
    expect(n.lib.code).toBeGreaterThan(100); // the count sees the game (not an empty folder)
  });

  it("lists the registered games, not shared code, and refuses an id that is no game's folder", () => {
    expect(gameIds().sort()).toEqual(Object.keys(games).sort());
    const script = fileURLToPath(new URL("./count-game-lines.mjs", import.meta.url));
    const r = spawnSync(process.execPath, [script, "no-such-game"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no game "no-such-game"');
  });
});
