/**
 * The server's behaviour with real Socket.io clients, run against SQLite and (when
 * MECHLAB_TEST_PG_URL is set) PostgreSQL by the two *.test.ts files beside this one.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminCookie, api, expectOk, Participant, startApp, type TestDb } from "./testing/harness";
import type { MechlabApp } from "./app";
import { parseCsv } from "./testing/parse-csv";
import { replayRound, type RecordedRound } from "../lib/mechanisms/replay";

const treatment = (over: Record<string, unknown> = {}) => ({
  name: "server test",
  game: "ids-investment",
  params: {
    alpha: [11.111, 12.222, 13.333],
    W: [[1.01, 0.41, 0.42], [0.43, 1.02, 0.44], [0.45, 0.46, 1.03]],
    c: [0.777, 0.888, 0.999],
    xMax: 5,
    rounds: 2,
    decisionSeconds: 60,
    resultsSeconds: null,
  },
  intro: { quiz: [{ question: "Pick B", options: ["A", "B"], answer: 1 }] },
  ...over,
});

export function sessionFlowSuite(name: string, makeDb: (() => Promise<TestDb>) | null) {
  const maybe = makeDb === null ? describe.skip : describe;
  maybe(`server with real socket clients (${name})`, () => {
    let db: TestDb;
    let app: MechlabApp;
    let base: string;
    let cookie: string;
    const clients: Participant[] = [];

    beforeEach(async () => {
      db = await makeDb!();
      ({ app, base } = await startApp(db.url));
      cookie = await adminCookie(base);
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.close();
      await app?.close();
      await db?.drop();
    });

    async function createSession(t = treatment()) {
      const r = await api(base, "/api/admin/sessions", { body: { treatment: t }, cookie });
      expect(r.status).toBe(201);
      const detail = await api(base, `/api/admin/sessions/${r.json.session.id}`, { cookie });
      return { id: r.json.session.id as string, code: r.json.session.code as string, tokens: (detail.json.links as { path: string }[]).map((l) => l.path.slice(3)) };
    }
    const join = (token: string) => {
      const p = new Participant(base, token);
      clients.push(p);
      return p;
    };

    it("guards the admin API and explains invalid treatments field by field", async () => {
      expect((await api(base, "/api/admin/sessions")).status).toBe(401);
      expect((await api(base, "/api/admin/login", { body: { password: "wrong" } })).status).toBe(401);
      const bad = await api(base, "/api/admin/sessions", { body: { treatment: treatment({ params: { ...treatment().params, c: [1, -2, 1] } }) }, cookie });
      expect(bad.status).toBe(400);
      expect(bad.json.errors.join("\n")).toMatch(/params\.c\[1\]/);
      const notJson = await api(base, "/api/admin/sessions", { body: { treatment: "{ nope" }, cookie });
      expect(notJson.json.errors[0]).toMatch(/not valid JSON/);
    });

    it("plays a round: decisions are stored before the ack, counted once, private data stays private", async () => {
      const s = await createSession();
      const ps = s.tokens.map(join);
      for (const p of ps) await p.passIntro([1]);
      const views = await Promise.all(ps.map((p) => p.until((v) => v.play?.phase === "decide")));
      expect(views[0]!.play!.remainingMs).toBeGreaterThan(50_000);

      const wrong = await ps[0]!.act("act-00000001", { type: "invest", x: 99 });
      expect(wrong.ok).toBe(false);
      expect(wrong.error.message).toMatch(/between 0 and 5/);
      const junk = await ps[0]!.emit("p:action", { nope: true });
      expect(junk.ok).toBe(false);

      // a participant can only act as themselves: a pid in the payload is ignored, the token decides
      const ack = await ps[0]!.act("act-00000002", { type: "invest", x: 1.25 }, { pid: ps[1]!.last!.participantId });
      expectOk(ack);
      const events = await app.store.events(s.id);
      const stored = events.find((e) => e.clientActionId === "act-00000002");
      expect(stored?.accepted).toBe(true);
      expect(stored?.participantId).toBe(ps[0]!.last!.participantId);
      const again = await ps[0]!.act("act-00000002", { type: "invest", x: 1.25 });
      expect(again.ok && again.data.duplicate).toBe(true);
      await ps[2]!.until((v) => v.play?.pendingCount === 2);

      expectOk(await ps[1]!.act("act-00000003", { type: "invest", x: 2 }));
      expectOk(await ps[2]!.act("act-00000004", { type: "invest", x: 3 }));
      await Promise.all(ps.map((p) => p.until((v) => v.play?.phase === "results")));

      // a late answer to the decide screen (now the results are shown) is refused and logged, nothing recorded
      const decideScreen = views[0]!.play!;
      const late = await ps[0]!.emit("p:action", {
        clientActionId: "act-00000009",
        action: { type: "continue" },
        at: { round: decideScreen.round, phase: decideScreen.phase, phaseSeq: decideScreen.phaseSeq },
      });
      expect(late.ok).toBe(false);
      expect(late.error.code).toBe("action/stale_phase");
      expect(late.error.message).toMatch(/nothing was recorded/);
      const logged = (await app.store.events(s.id)).find((e) => e.clientActionId === "act-00000009");
      expect(logged?.accepted).toBe(false);
      expect(ps[0]!.last!.play!.myTurn).toBe(true);

      // no participant ever received another participant's α, c or W row
      const params = treatment().params;
      for (const p of ps) {
        const i = p.last!.play!.game as { me: { index: number } };
        const others = [0, 1, 2].filter((k) => k !== i.me.index);
        const secrets = others.flatMap((k) => [params.alpha[k]!, params.c[k]!, ...params.W[k]!]);
        for (const msg of p.raw) for (const v of secrets) expect(msg).not.toContain(String(v));
      }
      for (const [k, p] of ps.entries()) expectOk(await p.act(`cont-000${k}`, { type: "continue" }));
      await Promise.all(ps.map((p) => p.until((v) => v.play?.round === 2)));
      const rows = await app.store.playerRounds(s.id);
      expect(rows).toHaveLength(3);
      expect(rows.map((r) => JSON.parse(r.decisionJson).x).sort()).toEqual([1.25, 2, 3]);
    });

    it("brings a reconnecting participant back to the same screen with the same remaining time", async () => {
      const s = await createSession();
      const ps = s.tokens.map(join);
      for (const p of ps) await p.passIntro([1]);
      await ps[0]!.until((v) => v.play?.phase === "decide");
      expectOk(await ps[0]!.act("act-10000001", { type: "invest", x: 1 }));
      const before = ps[0]!.last!.play!.remainingMs!;
      ps[0]!.close();
      await new Promise((r) => setTimeout(r, 300));
      const back = join(s.tokens[0]!);
      const v = await back.until((x) => x.stage === "playing");
      expect(v.play!.phase).toBe("decide");
      expect(v.play!.myTurn).toBe(false);
      expect(v.play!.remainingMs!).toBeLessThanOrEqual(before);
      expect(v.play!.remainingMs!).toBeGreaterThan(before - 5_000);
      const detail = await api(base, `/api/admin/sessions/${s.id}`, { cookie });
      expect(detail.json.view.participants[0].presence).toBe("online");
    });

    it("resumes running sessions with their deadlines after a restart; the time the server was down is not taken off", async () => {
      const s = await createSession(treatment({ intro: {} }));
      const ps = s.tokens.map(join);
      for (const p of ps) await p.passIntro();
      const v0 = await ps[0]!.until((v) => v.play?.phase === "decide");
      const seenAt = Date.now();
      expectOk(await ps[1]!.act("act-20000001", { type: "invest", x: 2 }));
      for (const p of ps.splice(0)) p.close();
      clients.length = 0;
      await app.close();
      const closedAt = Date.now();
      await new Promise((r) => setTimeout(r, 4_000)); // the server is down for 4 s
      ({ app, base } = await startApp(db.url));
      const back = join(s.tokens[0]!);
      const v = await back.until((x) => x.stage === "playing");
      expect(v.play!.phase).toBe("decide");
      expect(v.play!.remainingMs!).toBeLessThanOrEqual(v0.play!.remainingMs!);
      // what was left when the server stopped, less the restart itself: the 4 s down are not counted
      expect(v.play!.remainingMs!).toBeGreaterThan(v0.play!.remainingMs! - (closedAt - seenAt) - 2_500);
      const detail = await api(base, `/api/admin/sessions/${s.id}`, { cookie: await adminCookie(base) });
      expect(detail.json.view.participants[1].decided).toBe(true);
      expect(detail.json.view.participants[0].decided).toBe(false);
    });

    it("exports a long CSV, a codebook and the event log; admin commands work over HTTP", async () => {
      const s = await createSession(treatment({ intro: {}, bots: { seats: ["zero", "myopic"], delayMs: 0 } }));
      const p = join(s.tokens[2]!);
      await p.passIntro();
      for (let r = 1; r <= 2; r++) {
        await p.until((v) => v.play?.round === r && v.play.phase === "decide" && v.play.myTurn);
        expectOk(await p.act(`act-3000000${r}`, { type: "invest", x: r }));
        await p.until((v) => v.play?.round === r && v.play.phase === "results" && v.play.myTurn);
        expectOk(await p.act(`act-3100000${r}`, { type: "continue" }));
      }
      const done = await p.until((v) => v.stage === "done");
      expect(done.done!.completionCode).toMatch(/^[A-Z2-9]{8}$/);
      const csv = await api(base, `/api/admin/sessions/${s.id}/export/data.csv`, { cookie });
      const lines = csv.text.trim().split("\r\n");
      const header = lines[0]!.split(",");
      expect(header.slice(0, 6)).toEqual(["session", "treatment", "game", "group", "round", "participant"]);
      for (const col of ["role", "decision_x", "decision_ms", "timed_out", "is_bot", "payoff", "outcome_cost", "group_so_cost", "mechanism"]) expect(header).toContain(col);
      expect(lines).toHaveLength(1 + 3 * 2);
      expect(parseCsv(csv.text).filter((r) => r.is_bot === "TRUE")).toHaveLength(4);
      const codebook = await api(base, `/api/admin/sessions/${s.id}/export/codebook.csv`, { cookie });
      for (const col of header) expect(codebook.text).toContain(`\r\n${col},`);
      const events = await api(base, `/api/admin/sessions/${s.id}/export/events.csv`, { cookie });
      expect(events.text).toMatch(/seq,server_time,actor_kind/);
      const rounds = await api(base, `/api/admin/sessions/${s.id}/export/rounds.json`, { cookie });
      expect(rounds.text).toContain('"ids-unregulated"');
      // any round can be recomputed from what the database stored
      // (with the mechanism unit of the recorded id@version, as `mechlab replay` does)
      const stored = JSON.parse(rounds.text) as RecordedRound[];
      expect(stored).toHaveLength(2);
      for (const r of stored) expect(r.mechanism).toEqual({ id: "ids-unregulated", version: "1.0.0" });
      for (const r of stored) expect(replayRound(r)).toEqual([]);
      const detail = await api(base, `/api/admin/sessions/${s.id}`, { cookie });
      expect(detail.json.view.groups[0].history.map((h: { round: number }) => h.round)).toEqual([1, 2]);
      expect(detail.json.view.groups[0].monitor.tables[0].title).toBe("Investments");
      expect(detail.json.bots.filter((b: { default: boolean }) => b.default)).toHaveLength(1);
      const end = await api(base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "end" }, cookie });
      expect(end.json.ok).toBe(false); // already over: everyone finished
      expect(end.json.error.message).toMatch(/already ended/);
      const unknown = await api(base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "explode" }, cookie });
      expect(unknown.status).toBe(400);
    });

    it("joins by room code and label", async () => {
      const s = await createSession();
      const r = await api(base, "/api/join", { body: { code: s.code.toLowerCase(), label: "Table 4" } });
      expect(r.json.ok).toBe(true);
      // the first seat, with a new link (its personal link may be in someone's hands): the monitor lists it
      expect(s.tokens).not.toContain(r.json.token);
      const links = (await api(base, `/api/admin/sessions/${s.id}`, { cookie })).json.links as { path: string }[];
      expect(links.map((l) => l.path.slice(3))).toEqual([r.json.token, ...s.tokens.slice(1)]);
      const other = await api(base, "/api/join", { body: { code: s.code, label: "table 4" } });
      expect(other.status).toBe(409);
      expect(other.json.error.code).toBe("session/label_taken");
      const again = await api(base, "/api/join", { body: { code: s.code, label: "table 4", resume: r.json.token } });
      expect(again.json.token).toBe(r.json.token);
      const nope = await api(base, "/api/join", { body: { code: "ZZZZZ", label: "x" } });
      expect(nope.status).toBe(404);
      expect(nope.json.error.message).toMatch(/room code/);
    });
  });
}
