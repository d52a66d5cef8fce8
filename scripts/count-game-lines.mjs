#!/usr/bin/env node
/**
 * Counts the lines each game takes in lib/games/<id>/ and app/games/<id>/, tests excluded
 * (*.test.*, *.typecheck.*, testing.ts). "code" = lines that are neither blank nor only a comment;
 * "total" = all lines. Usage: node scripts/count-game-lines.mjs [game-id ...] [--json]
 */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const isTest = (f) => /\.(test|typecheck)\.[cm]?tsx?$/.test(f) || /(^|\/)testing\.ts$/.test(f);

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx|css)$/.test(f) && !isTest(f) ? [p] : [];
  });
}

/** Lines of one file: all, and code (not blank, not a comment-only line, block comments included). */
export function countLines(text) {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  let code = 0;
  let inBlock = false;
  for (const raw of lines) {
    let l = raw.trim();
    if (inBlock) {
      const end = l.indexOf("*/");
      if (end < 0) continue;
      inBlock = false;
      l = l.slice(end + 2).trim();
    }
    while (l.startsWith("/*")) {
      const end = l.indexOf("*/", 2);
      if (end < 0) {
        inBlock = true;
        l = "";
        break;
      }
      l = l.slice(end + 2).trim();
    }
    if (l === "" || l.startsWith("//") || /^\{\s*\/\*.*\*\/\s*\}$/.test(l)) continue;
    code++;
  }
  return { total: lines.length, code };
}

/** Folders of lib/games that hold code shared by games, not a game. */
const SHARED = ["shared", "ids-mechanisms-common"];

/** The games: folders of lib/games whose index.ts defines a game (not shared code such as lib/games/shared). */
export function gameIds() {
  const dir = join(root, "lib", "games");
  return readdirSync(dir).filter((d) => {
    const index = join(dir, d, "index.ts");
    return statSync(join(dir, d)).isDirectory() && existsSync(index) && readFileSync(index, "utf8").includes("defineGame(");
  });
}

export function countGame(id) {
  const out = {};
  for (const tree of ["lib", "app"]) {
    const fs = files(join(root, tree, "games", id));
    const sum = { files: fs.length, total: 0, code: 0 };
    for (const f of fs) {
      const c = countLines(readFileSync(f, "utf8"));
      sum.total += c.total;
      sum.code += c.code;
    }
    out[tree] = sum;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const ids = args.filter((a) => !a.startsWith("--"));
  const known = gameIds();
  // a game being written has its folder before its defineGame: any lib/games or app/games folder counts, except shared code
  const isGame = (id) => known.includes(id) || ((existsSync(join(root, "lib", "games", id)) || existsSync(join(root, "app", "games", id))) && !SHARED.includes(id));
  const unknown = ids.filter((id) => !isGame(id));
  if (unknown.length) {
    process.stderr.write(`no game ${unknown.map((id) => `"${id}"`).join(", ")}: not a game's folder in lib/games or app/games (games: ${known.join(", ")})\n`);
    process.exit(2);
  }
  const all = ids.length ? ids : known;
  const rows = all.map((id) => ({ id, ...countGame(id) }));
  if (json) process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  else {
    process.stdout.write("game                     lib code (total)   app code (total)\n");
    for (const r of rows)
      process.stdout.write(`${r.id.padEnd(24)} ${String(r.lib.code).padStart(8)} (${r.lib.total})`.padEnd(44) + `${String(r.app.code).padStart(8)} (${r.app.total})\n`);
  }
}
