/**
 * report.html through the real server: one self-contained file (no scripts, nothing loaded from
 * elsewhere) with the game's charts as inline SVG and the summary tables; every text from the treatment
 * or from participants is escaped (a hostile label and treatment name stay text).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MechlabApp } from "../app";
import { adminCookie, api, freshSqlite, Participant, startApp, type TestDb } from "../testing/harness";
import { sessionCharts } from "../../lib/charts";
import { chartRoundsOf } from "../../lib/charts/from-session";
import { reportData } from "./report-data";
import { reportHtml } from "./report-html";
import { catalogues } from "../../lib/i18n/catalogues";

/** The words of a catalogue's report and charts sections: the messages' texts between placeholders. */
function words(locale: "en" | "de"): Set<string> {
  const out = new Set<string>();
  const walk = (tree: unknown) => {
    for (const v of Object.values(tree as Record<string, unknown>)) {
      if (typeof v !== "string") walk(v);
      else for (const x of v.split(/\{[^{}]*\}|[{}():;]/)) if (/[a-z]{3,}/i.test(x.trim())) out.add(x.trim());
    }
  };
  walk(catalogues[locale].report);
  walk(catalogues[locale].charts);
  return out;
}

/** English words left in a report's visible text (element text and SVG text, not the treatment's JSON). */
function englishLeft(html: string): string[] {
  const texts = [...html.replace(/<pre data-testid="report-treatment">[\s\S]*?<\/pre>/, "").replace(/<style>[\s\S]*?<\/style>/, "").matchAll(/>([^<]+)</g)].map((m) => m[1]!.trim()).filter(Boolean);
  const german = words("de");
  return [...words("en")].filter((w) => !german.has(w)).filter((w) => (/\s/.test(w) ? texts.some((x) => x.includes(w)) : texts.includes(w)));
}

const HOSTILE = `<script>alert(1)</script>`;
const HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

let db: TestDb;
let app: MechlabApp;
let base: string;
let cookie: string;

beforeAll(async () => {
  db = await freshSqlite();
  ({ app, base } = await startApp(db.url, { botDelayMs: 0 }));
  cookie = await adminCookie(base);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

async function waitEnded(id: string) {
  for (let k = 0; k < 300; k++) {
    const d = await api(base, `/api/admin/sessions/${id}`, { cookie });
    if (d.json.session.status === "ended") return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("session did not finish");
}

/** Every check that makes the file self-contained and script-free. */
function expectSelfContained(html: string) {
  expect(html.startsWith("<!doctype html>")).toBe(true);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\s(src|href|xlink:href|action)\s*=\s*["']?\s*(https?:|\/\/)/i);
  expect(html).not.toMatch(/<link\b|<iframe\b|<object\b|<embed\b|@import|url\(\s*["']?https?:/i);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i); // no inline event handlers in any tag
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
}

/** The inline <svg> elements of the report, each well-formed XML. */
function svgs(html: string): string[] {
  const out = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  for (const s of out) expect(XMLValidator.validate(s)).toBe(true);
  return out;
}

describe("report.html", () => {
  it("IDS session with a hostile treatment name and description: all escaped, charts and tables present", async () => {
    const treatment = {
      name: `${HOSTILE} & "class" 'A'`,
      description: `<img src=x onerror=alert(2)> ${HOSTILE}`,
      game: "ids-investment",
      params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 3, decisionSeconds: 60, resultsSeconds: null },
      bots: { seats: ["myopic"], delayMs: 0 },
      intro: { quiz: [] },
    };
    const created = await api(base, "/api/admin/sessions", { body: { treatment }, cookie });
    expect(created.status).toBe(201);
    const { id, code } = created.json.session as { id: string; code: string };
    // join labels are restricted to letters, digits, spaces, ' . - _ (hostile labels: report-html.test.ts)
    const joined = await api(base, "/api/join", { body: { code, label: "Ann O'Neil" } });
    expect(joined.json, JSON.stringify(joined.json)).toMatchObject({ ok: true });
    const detail = await api(base, `/api/admin/sessions/${id}`, { cookie });
    const person = (detail.json.links as { participantId: string; path: string }[]).find((l) => l.path === `/p/${joined.json.token}`)!;
    // through the intro first: a person replaced while still in it is freed from the seat, label and all (fresh-clone review A7)
    const ann = new Participant(base, joined.json.token);
    await ann.passIntro();
    await ann.until((v) => v.stage === "playing");
    ann.close();
    const replaced = await api(base, `/api/admin/sessions/${id}/command`, { cookie, body: { kind: "replaceWithBot", pid: person.participantId } });
    expect(replaced.status).toBe(200);
    await waitEnded(id);

    const r = await api(base, `/api/admin/sessions/${id}/export/report.html`, { cookie });
    expect(r.status).toBe(200);
    const html = r.text;
    expectSelfContained(html);
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain("<img");
    expect(html).toContain(`<h1 data-testid="report-title">${HOSTILE_ESCAPED} &amp; &quot;class&quot; &#39;A&#39;</h1>`);
    expect(html).toContain(`<title>Session report: ${HOSTILE_ESCAPED}`);
    expect(html).toContain(`&lt;img src=x onerror=alert(2)&gt; ${HOSTILE_ESCAPED}`);
    // the label in the participants table
    const participants = /<table data-testid="report-participants">[\s\S]*?<\/table>/.exec(html)![0];
    expect(participants).toContain(`<td>Ann O&#39;Neil</td>`);
    expect(participants.match(/<tr>/g)).toHaveLength(3); // header + 2 seats
    const rounds = /<table data-testid="report-rounds">[\s\S]*?<\/table>/.exec(html)![0];
    expect(rounds.match(/<tr>/g)).toHaveLength(4); // header + 3 rounds
    // the game's charts, as inline SVG, with their numbers
    const charts = [...html.matchAll(/data-chart-id="([^"]+)"/g)].map((m) => m[1]);
    expect(charts.length).toBeGreaterThan(0);
    expect(charts).toContain("ids-investment/investment");
    expect(svgs(html).length).toBe(charts.length);
    for (const c of charts) expect(html).toContain(`data-testid="report-chart-table-${c}"`);
  });

  it("is stamped with the session's end (or its creation while not ended), so downloading it again gives the same file", async () => {
    const treatment = { name: "stamp", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, decisionSeconds: 60, resultsSeconds: null }, bots: { seats: ["myopic", "random"], delayMs: 0 } };
    const ended = (await api(base, "/api/admin/sessions", { body: { treatment }, cookie })).json.session.id as string;
    await waitEnded(ended);
    const download = async (path: string) => (await api(base, path, { cookie })).text;
    const first = await download(`/api/admin/sessions/${ended}/export/report.html`);
    await new Promise((r) => setTimeout(r, 20));
    expect(await download(`/api/admin/sessions/${ended}/export/report.html`)).toBe(first);
    const endedMs = (await app.manager.get(ended))!.state.endedMs!;
    expect(first).toContain(`The session ended at ${new Date(endedMs).toISOString()}.`);
    // a draft has not ended: stamped with its creation
    const draft = (await api(base, "/api/admin/sessions", { body: { treatment, draft: true }, cookie })).json.session.id as string;
    const createdAt = (await app.manager.store.get(draft))!.createdAt;
    const draftReport = await download(`/api/admin/sessions/${draft}/export/report.html`);
    expect(draftReport).toContain(`The session was created at ${createdAt.toISOString()} and has not ended yet`);
    // the study report: the latest end or creation of its sessions
    const study = `/api/admin/export/study-report.html?sessions=${ended},${draft}`;
    const pooled = await download(study);
    await new Promise((r) => setTimeout(r, 20));
    expect(await download(study)).toBe(pooled);
    const latest = new Date(Math.max(endedMs, createdAt.getTime())).toISOString();
    expect(pooled).toContain(`Not all of these sessions have ended; the latest of their ends and creations is ${latest}.`);
    expect(await download(`/api/admin/export/study-report.html?sessions=${ended}`)).toContain(`The last of these sessions ended at ${new Date(endedMs).toISOString()}.`);
  });

  it("CIP session (bots): a chart per CIP series and the same self-containment", async () => {
    const treatment = JSON.parse(readFileSync(join(import.meta.dirname, "../../examples/treatments/cip-contracts-menu-4.json"), "utf8"));
    const created = await api(base, "/api/admin/sessions", {
      body: { treatment: { ...treatment, params: { ...treatment.params, rounds: 2 }, bots: { seats: ["truthful", "mimic", "random", "truthful"], delayMs: 0 } } },
      cookie,
    });
    const id = created.json.session.id as string;
    await waitEnded(id);
    const html = (await api(base, `/api/admin/sessions/${id}/export/report.html`, { cookie })).text;
    expectSelfContained(html);
    const charts = [...html.matchAll(/data-chart-id="([^"]+)"/g)].map((m) => m[1]!);
    expect(charts.length).toBeGreaterThan(1);
    expect(charts.every((c) => c.startsWith("cip-contracts/"))).toBe(true);
    expect(svgs(html).length).toBe(charts.length);
    // the report's charts (from the stored tables) are the live monitor's (from the session's state)
    const host = (await app.manager.get(id))!;
    const live = sessionCharts("cip-contracts", { params: host.lt.params, rounds: chartRoundsOf(host.state, host.roundHistory) });
    const stored = (await reportData(app.store, id))!.charts;
    expect(stored.map((c) => c.id)).toEqual(charts);
    expect(stored).toEqual(live);
  });

  it("study report: sessions pooled per treatment, charts over every group of those sessions", async () => {
    const treatment = JSON.parse(readFileSync(join(import.meta.dirname, "../../examples/treatments/cip-contracts-menu-4.json"), "utf8"));
    const cip = { ...treatment, name: "pooled <CIP>", params: { ...treatment.params, rounds: 1 }, bots: { seats: ["truthful", "mimic", "random", "truthful"], delayMs: 0 } };
    const ids: string[] = [];
    for (let k = 0; k < 2; k++) {
      const c = await api(base, "/api/admin/sessions", { body: { treatment: cip, seed: `pool-${k}` }, cookie });
      ids.push(c.json.session.id as string);
    }
    for (const id of ids) await waitEnded(id);
    const all = [...ids, "no-such-session", ids[0]!]; // a session chosen twice counts once
    const r = await api(base, `/api/admin/export/study-report.html?sessions=${all.join(",")}`, { cookie });
    expect(r.status).toBe(200);
    const html = r.text;
    expectSelfContained(html);
    expect(html).toContain("Study report: 2 sessions");
    expect(html).toContain("pooled &lt;CIP&gt;");
    expect(html).not.toContain("pooled <CIP>");
    const overview = /<table data-testid="study-sessions">[\s\S]*?<\/table>/.exec(html)![0];
    expect(overview.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain('data-testid="study-treatment-0"');
    expect(html).not.toContain('data-testid="study-treatment-1"');
    // the pooled charts are the series builders over both sessions' groups
    const rounds = (await Promise.all(ids.map((id) => reportData(app.store, id)))).flatMap((d) => d!.chartRounds.map((x) => ({ ...x, groupId: `${d!.session.id}/${x.groupId}` })));
    expect(rounds.length).toBe(2);
    const pooled = sessionCharts("cip-contracts", { params: (await reportData(app.store, ids[0]!))!.params, rounds });
    const shown = [...html.matchAll(/data-chart-id="([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(pooled.map((c) => c.id));
    expect(svgs(html).length).toBe(pooled.length);

    const none = await api(base, "/api/admin/export/study-report.html", { cookie });
    expect(none.status).toBe(400);
    expect(none.json.error.message).toMatch(/Choose at least one session/);
    const missing = await api(base, "/api/admin/export/study-report.html?sessions=nope", { cookie });
    expect(missing.status).toBe(404);
  });

  it("a German session: report.html and the study report in German (words, charts, numbers), the data as they are", async () => {
    const t = JSON.parse(readFileSync(join(import.meta.dirname, "../../examples/treatments/ids-investment-classroom-de.json"), "utf8"));
    const treatment = { ...t, name: "Klassenspiel <IDS>", description: "Vier Personen je Gruppe.", groups: 1, params: { ...t.params, rounds: 2, decisionSeconds: 60, resultsSeconds: null }, bots: { seats: ["myopic", "myopic", "myopic", "myopic"], delayMs: 0 } };
    const created = await api(base, "/api/admin/sessions", { body: { treatment }, cookie });
    expect(created.status).toBe(201);
    const id = created.json.session.id as string;
    await waitEnded(id);
    const d = (await reportData(app.store, id))!;
    expect(d.locale).toBe("de");
    expect(d.charts).toEqual(sessionCharts("ids-investment", { params: d.params, rounds: d.chartRounds, locale: "de" }));

    for (const path of [`/api/admin/sessions/${id}/export/report.html`, `/api/admin/export/study-report.html?sessions=${id}`]) {
      const html = (await api(base, path, { cookie })).text;
      expectSelfContained(html);
      expect(html).toContain('<html lang="de">');
      // every word of the report and its charts is German: no English message of the catalogues is left
      // (the treatment's JSON is data, written by the experimenter, and stays as it is)
      expect(englishLeft(html), path).toEqual([]);
      for (const c of d.charts) {
        expect(html).toContain(`<h3>${c.title}</h3>`);
        expect(html).toContain(`<summary>Die Zahlen hinter dem Diagramm</summary>`);
      }
      // each drawing is one image named in German; Vega's own English descriptions of axes and marks are gone
      for (const c of d.charts) expect(html).toContain(`<svg role="img" aria-label="${c.title}. ${c.description}" `);
      const svg = svgs(html).join("");
      expect(svg).not.toMatch(/aria-roledescription|axis titled|mark container/i);
      expect(svg.match(/aria-label=/g)).toHaveLength(d.charts.length);
      expect(svg).toContain("Runde"); // the axis title
      expect(svg).toContain("gespielt"); // the legend
      expect(svg).toContain("Theorie");
      // the played/theory legend draws its solid and dashed line symbols (not transparent)
      expect(svg).toMatch(/d="M-5,0L5,0" stroke="#333"[^>]*stroke-dasharray="6,4"/);
      expect(svg).toMatch(/>\d+,\d+</); // axis numbers with a decimal comma
      // numbers in the tables as German readers write them
      const table = /<table data-testid="report-chart-table-ids-investment\/investment">[\s\S]*?<\/table>/.exec(html)![0];
      expect(table).toMatch(/<td>\d+,\d+/);
      expect(table).not.toMatch(/<td>\d+\.\d+/);
    }
    // the check finds English: the same session's report written in English
    const english = await reportHtml({ ...d, locale: "en", charts: sessionCharts("ids-investment", { params: d.params, rounds: d.chartRounds }) });
    expect(englishLeft(english)).toEqual(expect.arrayContaining(["Summary", "Numbers behind the chart", "played", "theory", "Investment per round"]));
    const report = (await api(base, `/api/admin/sessions/${id}/export/report.html`, { cookie })).text;
    expect(report).toContain(`<title>Sitzungsbericht: Klassenspiel &lt;IDS&gt;</title>`);
    expect(report).toContain("<dd>IDS-Investitionen (unreguliert) <span");
    expect(report).toContain("<dd>beendet</dd>");
    expect(report).toContain("<caption>Je Runde (Punkte über alle Teilnehmenden der Runde)</caption>");
    expect(/<table data-testid="report-rounds">[\s\S]*?<\/table>/.exec(report)![0]).toMatch(/<td>\d+,\d+<\/td>/);
    const study = (await api(base, `/api/admin/export/study-report.html?sessions=${id}`, { cookie })).text;
    expect(study).toContain('<h1 data-testid="report-title">Studienbericht: 1 Sitzung</h1>');
    expect(study).toContain("Zusammengefasst über 1 Sitzung");
  });

  it("a session without completed rounds still gives a report (no charts, says why)", async () => {
    const created = await api(base, "/api/admin/sessions", { body: { treatment: { name: "empty", game: "ids-investment", params: { alpha: [1, 1], W: [[1, 0], [0, 1]], c: [1, 1], rounds: 1 } }, draft: true }, cookie });
    const html = (await api(base, `/api/admin/sessions/${created.json.session.id}/export/report.html`, { cookie })).text;
    expectSelfContained(html);
    expect(html).toContain("No round was completed");
  });
});
