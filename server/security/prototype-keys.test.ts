/**
 * Issue 10 item 4: names chosen outside the server (bot strategies, game ids, participant ids) are
 * looked up as own properties only. `toString`, `constructor` or `__proto__` are refused with a clear
 * 4xx message, nothing is saved, and the session keeps acknowledging everyone else.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { api, expectOk } from "../testing/harness";
import { idsTreatment, openLab, type Lab } from "../testing/lab";

const PROTO_NAMES = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__"];

describe("prototype names in treatments (engine)", () => {
  it.each(PROTO_NAMES)("refuses %s as a game id, seat bot and dropout bot", (name) => {
    const asGame = loadTreatment(idsTreatment({ game: name }), games);
    expect(asGame.ok).toBe(false);
    if (!asGame.ok) expect(asGame.errors.join()).toMatch(/unknown game/);
    const asSeat = loadTreatment(idsTreatment({ bots: { seats: [name] } }), games);
    expect(asSeat.ok).toBe(false);
    if (!asSeat.ok) expect(asSeat.errors.join()).toMatch(/bots\.seats\[0\]: unknown bot/);
    const asDropout = loadTreatment(idsTreatment({ dropout: { bot: name } }), games);
    expect(asDropout.ok).toBe(false);
    if (!asDropout.ok) expect(asDropout.errors.join()).toMatch(/dropout\.bot: unknown bot/);
  });
});

describe("prototype names over HTTP and sockets", () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = await openLab();
  });
  afterEach(async () => lab.close());

  it("answers 400 with a message for a game id __proto__ and a seat bot constructor", async () => {
    for (const t of [idsTreatment({ game: "__proto__" }), idsTreatment({ bots: { seats: ["constructor"] } }), idsTreatment({ dropout: { bot: "toString" } })]) {
      const r = await api(lab.base, "/api/admin/sessions", { body: { treatment: t }, cookie: lab.cookie });
      expect(r.status).toBe(400);
      expect(r.json.errors.join()).toMatch(/unknown (game|bot)/);
      const v = await api(lab.base, "/api/admin/treatments/validate", { body: { treatment: t }, cookie: lab.cookie });
      expect(v.status).toBe(200);
      expect(v.json.ok).toBe(false);
    }
    const listed = await api(lab.base, "/api/admin/sessions", { cookie: lab.cookie });
    expect(listed.json).toHaveLength(0);
  });

  it("refuses to replace a participant with bot toString: 409, nothing saved, co-players still acked", async () => {
    const s = await lab.createSession();
    const ps = s.tokens.map((t) => lab.join(t));
    for (const p of ps) await p.passIntro();
    await Promise.all(ps.map((p) => p.until((v) => v.play?.phase === "decide")));
    const pid = ps[0]!.last!.participantId;
    const before = await lab.app.store.get(s.id);
    for (const strategy of ["toString", "constructor", "__proto__"]) {
      const r = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "replaceWithBot", pid, strategy }, cookie: lab.cookie });
      expect(r.status).toBe(409);
      expect(r.json.error.message).toMatch(/Unknown bot/);
    }
    for (const badPid of ["__proto__", "constructor", "toString"]) {
      const r = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "replaceWithBot", pid: badPid }, cookie: lab.cookie });
      expect(r.status).toBe(409);
      expect(r.json.error.message).toMatch(/No such participant/);
    }
    for (const badPid of ["__proto__", "constructor"])
      for (const route of ["reissue", "free"]) {
        const r = await api(lab.base, `/api/admin/sessions/${s.id}/participants/${badPid}/${route}`, { body: {}, cookie: lab.cookie });
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }
    const fill = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "fillWithBots", strategy: "valueOf" }, cookie: lab.cookie });
    expect(fill.status).toBe(409);
    const after = await lab.app.store.get(s.id);
    expect(after!.version).toBe(before!.version);
    const detail = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    expect(detail.json.view.participants.map((p: { presence: string }) => p.presence)).toEqual(["online", "online", "online"]);
    // the session still works: every player's decision is acknowledged and the round completes
    for (const [k, p] of ps.entries()) expectOk(await p.act(`proto-000${k}`, { type: "invest", x: k }));
    await Promise.all(ps.map((p) => p.until((v) => v.play?.phase === "results")));
  });
});
