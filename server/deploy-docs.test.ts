/**
 * docs/deploy.md shows the nginx example exactly as docs/deploy/nginx.conf holds it: the file is what
 * e2e/nginx-proxy.spec.ts runs with nginx, so the page may not drift from what was tested.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

describe("docs/deploy.md", () => {
  it("shows docs/deploy/nginx.conf verbatim as its nginx example", () => {
    const md = readFileSync(join(ROOT, "docs/deploy.md"), "utf8");
    const blocks = [...md.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toBe(readFileSync(join(ROOT, "docs/deploy/nginx.conf"), "utf8"));
  });
});
