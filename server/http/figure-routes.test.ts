/** POST /api/admin/treatments/figures: the launch check's figures over HTTP (admin only: the authorization matrix). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MechlabApp } from "../app";
import { adminCookie, api, freshSqlite, startApp, type TestDb } from "../testing/harness";

const example = (f: string) => readFileSync(join(import.meta.dirname, "../../examples/treatments", f), "utf8");
let db: TestDb;
let app: MechlabApp;
let base: string;
let cookie: string;

beforeAll(async () => {
  db = await freshSqlite();
  ({ app, base } = await startApp(db.url));
  cookie = await adminCookie(base);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

describe("launch-check figures over HTTP", () => {
  it("a CIP treatment: three SVG figures with their tables; the marked row is the treatment's own point", async () => {
    const r = await api(base, "/api/admin/treatments/figures", { cookie, body: { treatment: example("cip-contracts-menu-4.json") } });
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
    const figs = r.json.figures as { id: string; svg: string; columns: string[]; rows: unknown[][]; marker: { x: number; label: string } }[];
    expect(figs.map((f) => f.id)).toEqual(["cip-cc-utility-vs-resources", "cip-cc-utility-vs-type-mix", "cip-cc-utility-vs-payment-cost"]);
    for (const f of figs) {
      expect(XMLValidator.validate(f.svg)).toBe(true);
      expect(f.svg).toContain("this treatment");
      expect(f.columns.slice(0, 3)).toEqual([f.columns[0], "optimal_menu", "equal_allocation"]);
      const marked = f.rows.filter((row) => row[0] === f.marker.x);
      expect(marked).toHaveLength(1);
      expect(marked[0]![1]).toBeCloseTo(3155, 6); // the menu's CC objective of this treatment (docs/papers/cip.md §6)
    }
    expect(figs[0]!.marker.x).toBe(650);
    expect(figs[2]!.marker.x).toBe(0.5);
  });

  it("an IDS Pivotal treatment: the paper's four example figures, this treatment's N and cost spread marked", async () => {
    const r = await api(base, "/api/admin/treatments/figures", { cookie, body: { treatment: example("ids-pivotal-full-4.json") } });
    expect(r.status).toBe(200);
    const figs = r.json.figures as { id: string; svg: string; columns: string[]; rows: unknown[][]; marker: { x: number; label: string } | null }[];
    expect(figs.map((f) => f.id)).toEqual(["ids-budget-vs-users", "ids-budget-vs-cost-spread", "ids-participation-vs-users", "ids-participation-vs-cost-spread"]);
    for (const f of figs) {
      expect(XMLValidator.validate(f.svg)).toBe(true);
      expect(f.svg).toContain("this treatment");
      expect(f.columns[1]).toMatch(/^pivotal_/);
    }
    expect(figs[0]!.marker).toEqual({ x: 4, label: "this treatment: N = 4" }); // c = [0.8, 1.1, 1.4, 1.7]
    expect(figs[0]!.rows.filter((row) => row[0] === 4)).toHaveLength(1);
    expect(figs[1]!.marker!.x).toBeCloseTo((1.7 - 0.8) / 0.8, 9);
  });

  it("another game: no figures; an invalid treatment: its errors", async () => {
    const ids = await api(base, "/api/admin/treatments/figures", { cookie, body: { treatment: example("ids-investment-3.json") } });
    expect(ids.json).toEqual({ ok: true, figures: [] });
    const bad = await api(base, "/api/admin/treatments/figures", { cookie, body: { treatment: { game: "cip-contracts", params: { types: [] } } } });
    expect(bad.json.ok).toBe(false);
    expect(bad.json.errors.length).toBeGreaterThan(0);
  });
});
