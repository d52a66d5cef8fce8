/**
 * The dependency rules of docs/architecture.md, checked on the source: lib/ is pure (no I/O, no clock,
 * no Math.random, no server or database imports) and app/ never imports server/.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

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
    expect(code).not.toMatch(/\bDate\.now\s*\(|\bnew Date\s*\(|\bMath\.random\s*\(|\bprocess\.|\bperformance\.now/);
  });

  it("app/ never imports server/", () => {
    for (const f of sources(join(ROOT, "app"))) {
      const code = strip(readFileSync(f, "utf8"));
      expect(code, relative(ROOT, f)).not.toMatch(/from\s+["'](@\/server|[./]+\/server)\//);
    }
  });
});
