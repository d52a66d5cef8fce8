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

describe("launch-check figures that take too long", () => {
  let slowDb: TestDb;
  let slow: MechlabApp;
  let slowBase: string;
  let slowCookie: string;
  beforeAll(async () => {
    slowDb = await freshSqlite();
    ({ app: slow, base: slowBase } = await startApp(slowDb.url, { figureTimeoutMs: 3000 }));
    slowCookie = await adminCookie(slowBase);
  });
  afterAll(async () => {
    await slowDb.drop();
  });

  /**
   * Integer resources over a large R, 8 CIs and 6 types, within the game's limits: its sweep of integer
   * programs ran for minutes in the one solver worker (fresh-clone attack review B-4), holding up session
   * creation and shutdown.
   */
  const heavy = () => {
    const t = JSON.parse(example("cip-contracts-menu-integer-3.json"));
    t.params.cis = 8;
    t.params.resources = 10_000_000;
    t.params.types = Array.from({ length: 6 }, (_, k) => ({ theta: k + 1, phi: 0.15 * k, probability: k === 5 ? 1 - 5 * 0.1667 : 0.1667, minResources: 1_000_003 + 1_499_989 * k, rewardRate: 1.7 + 1.3 * k }));
    return t;
  };

  it("are given up at the deadline with a message; a session is created meanwhile, and the server stops at once", async () => {
    const t = heavy();
    expect((await api(slowBase, "/api/admin/treatments/validate", { cookie: slowCookie, body: { treatment: t } })).json.ok).toBe(true);
    const t0 = Date.now();
    const figures = api(slowBase, "/api/admin/treatments/figures", { cookie: slowCookie, body: { treatment: t } });
    await new Promise((r) => setTimeout(r, 500));
    // the sessions' solves do not wait behind the figure being drawn
    const created = await api(slowBase, "/api/admin/sessions", { cookie: slowCookie, body: { treatment: example("cip-contracts-menu-4.json") } });
    expect(created.status).toBe(201);
    const r = await figures;
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe("figures/too_slow");
    expect(r.json.error.message).toMatch(/longer than 3 s .*the session can be created/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    // the next figures are drawn (a new worker) and the server closes without waiting for anything left
    const again = await api(slowBase, "/api/admin/treatments/figures", { cookie: slowCookie, body: { treatment: example("cip-contracts-menu-4.json") } });
    expect(again.status === 200 || again.json.error.code === "figures/too_slow").toBe(true);
    void api(slowBase, "/api/admin/treatments/figures", { cookie: slowCookie, body: { treatment: t } }).catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
    const closing = Date.now();
    await slow.close();
    expect(Date.now() - closing).toBeLessThan(5000);
  }, 60_000);
});
