/**
 * The dependency rules of docs/architecture.md, checked on the source: lib/ is pure (no I/O, no clock,
 * no Math.random, no process or crypto: server/lib-purity.ts; no server or database imports) and app/ never imports server/.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { impurities } from "./lib-purity";

const ROOT = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : sources(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const strip = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

describe("architecture rules", () => {
  const lib = sources(join(ROOT, "lib")).filter((f) => !f.includes(`${join("lib", "testing")}`));
  it("finds the sources", () => expect(lib.length).toBeGreaterThan(20));

  it.each(lib.map((f) => relative(ROOT, f)))("%s is pure", (file) => {
    const code = strip(readFileSync(join(ROOT, file), "utf8"));
    expect(code).not.toMatch(/from\s+["'](node:|fs|path|http|net|child_process|socket\.io|@prisma|pg|@libsql|next)/);
    expect(code).not.toMatch(/from\s+["'][./]*\/?(server|prisma|app)\//);
    expect(impurities(code)).toEqual([]);
  });

  it.each([
    ["Math.random()", "const r = Math.random();"],
    ['Math["random"]()', 'const r = Math["random"]();'],
    ["Math?.[k]", "const f = Math?.[key];"],
    ["destructuring", "const { random } = Math;\nrandom();"],
    ["destructuring via globalThis", "const { random: r } = globalThis.Math;"],
    ["an alias of Math", "const M = Math;\nM.random();"],
    ["Math passed on", "pick(Math, 1);"],
    ["Math.random as a value", "const draw = Math.random;"],
    ["Date.now()", "const t = Date.now();"],
    ["Date.now as a value", "const clock = Date.now;"],
    ["new Date", "const d = new Date;"],
    ["Date()", "const d = Date();"],
    ["performance.now()", "const t = performance.now();"],
    ["process.env", "const e = process.env.X;"],
    ["crypto.getRandomValues", "crypto.getRandomValues(buf);"],
    ["randomUUID via globalThis", "globalThis.crypto.randomUUID();"],
  ])("finds %s", (_name, code) => {
    expect(impurities(code)).not.toEqual([]);
  });

  it("leaves pure arithmetic alone", () => {
    expect(impurities("const a = Math.max(1, 2) + Math.min(...xs) - Math.abs(y);\nconst d = row.Date;\nconst m = { Math: 1 };\nconst t = ctx.nowMs;\nconst r = ctx.rng.next();")).toEqual([]);
  });

  it("app/ never imports server/", () => {
    for (const f of sources(join(ROOT, "app"))) {
      const code = strip(readFileSync(f, "utf8"));
      expect(code, relative(ROOT, f)).not.toMatch(/from\s+["'](@\/server|[./]+\/server)\//);
    }
  });
});
