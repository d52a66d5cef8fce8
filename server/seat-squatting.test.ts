/**
 * Seats taken without being played (seat squatting: anyone with the room code or the study link can take
 * every seat of a session in a second): a seat taken by room code or panel id that no browser opens goes
 * back to the free seats after CLAIM_HOLD_MS with a new link, and the experimenter can free a seat that has
 * not started playing from the monitor. Real server, real sockets, a controlled clock.
 */
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLAIM_HOLD_MS } from "../lib/engine/free-seat";
import { ADDRESS_TAG_KEY } from "./sessions/manager";
import { api } from "./testing/harness";
import { openLab, type Lab } from "./testing/lab";
import { parseCsv } from "./testing/parse-csv";

const treatment = {
  name: "squat",
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, decisionSeconds: 60, resultsSeconds: null },
};

describe("seats taken and never played", () => {
  let lab: Lab;
  let now = Date.UTC(2026, 11, 6, 12);
  beforeEach(async () => {
    now = Date.UTC(2026, 11, 6, 12);
    lab = await openLab({ botDelayMs: 0, clock: () => now });
  });
  afterEach(async () => {
    await lab?.close();
  });

  const join = (body: Record<string, unknown>) => api(lab.base, "/api/join", { body });
  const seatOf = async (token: string) => lab.app.manager.store.participantByToken(token);
  const monitor = async (id: string) => (await api(lab.base, `/api/admin/sessions/${id}`, { cookie: lab.cookie })).json.view.participants as { id: string; label: string | null; freeable: boolean; stage: string }[];

  it("seats taken by room code and panel id that no browser opens are free again after CLAIM_HOLD_MS, and their old links open nothing", async () => {
    const s = await lab.createSession(treatment);
    const a = await join({ code: s.code, label: "Squat1" });
    const b = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000ff", SESSION_ID: "x" } });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await join({ code: s.code, label: "Real" })).status).toBe(409);
    // not yet: the hold has not passed
    now += CLAIM_HOLD_MS - 1000;
    expect(await lab.app.manager.freeUnusedClaims()).toBe(0);
    now += 1000;
    // the manager's periodic sweep frees them
    await lab.app.manager.sweep();
    expect(await seatOf(a.json.token)).toBeNull();
    expect(await seatOf(b.json.token)).toBeNull();
    const rows = await monitor(s.id);
    expect(rows.map((r) => [r.label, r.stage])).toEqual([[null, "new"], [null, "new"]]);
    // real people take the seats, with links of their own; the squatter's label and panel id are free again
    const real = await join({ code: s.code, label: "Real" });
    expect(real.status).toBe(200);
    expect(real.json.token).not.toBe(a.json.token);
    const again = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000ff", SESSION_ID: "y" } });
    expect(again.status).toBe(200);
    expect(await seatOf(real.json.token)).not.toBeNull();
    // the events say what happened
    const events = (await lab.app.manager.store.events(s.id)).filter((e) => e.command === "freeSeat");
    expect(events.map((e) => [e.actorKind, e.accepted])).toEqual([["system", true], ["system", true]]);
  });

  it("a browser that keeps reconnecting with the old link while its seat is freed never gets the seat back", async () => {
    const s = await lab.createSession(treatment);
    const a = await join({ code: s.code, label: "Squat" });
    const p = lab.join(a.json.token);
    await p.until((v) => v.stage === "intro");
    const pid = (await monitor(s.id))[0]!.id;
    // a slower database (PostgreSQL, a cluster): renewing the link takes a while
    const store = lab.app.manager.store;
    const setToken = store.setToken.bind(store);
    store.setToken = async (...args) => (await new Promise((r) => setTimeout(r, 60)), setToken(...args));
    const freeing = api(lab.base, `/api/admin/sessions/${s.id}/participants/${pid}/free`, { body: {}, cookie: lab.cookie });
    const again = Array.from({ length: 6 }, (_, i) => new Promise((r) => setTimeout(r, i * 15)).then(() => lab.join(a.json.token)));
    expect((await freeing).status).toBe(200);
    await Promise.all(again);
    await new Promise((r) => setTimeout(r, 300));
    const row = (await monitor(s.id))[0]!;
    expect([row.label, row.stage]).toEqual([null, "new"]);
    expect(await seatOf(a.json.token)).toBeNull();
    const real = await join({ code: s.code, label: "Real" });
    expect(real.status).toBe(200);
    expect((await monitor(s.id))[0]!.label).toBe("Real");
  });

  it("a seat whose browser opened it is kept however long it waits", async () => {
    const s = await lab.createSession(treatment);
    const a = await join({ code: s.code, label: "Ana" });
    const p = lab.join(a.json.token);
    await p.until((v) => v.stage === "intro");
    now += 10 * CLAIM_HOLD_MS;
    expect(await lab.app.manager.freeUnusedClaims()).toBe(0);
    expect(await seatOf(a.json.token)).not.toBeNull();
  });

  it("the experimenter frees a seat in the intro: its browser is sent away, its link stops working, the next join takes it", async () => {
    const s = await lab.createSession(treatment);
    const a = await join({ code: s.code, label: "Squat" });
    const p = lab.join(a.json.token);
    await p.until((v) => v.stage === "intro");
    const before = await monitor(s.id);
    expect(before.map((r) => r.freeable)).toEqual([true, false]);
    const r = await api(lab.base, `/api/admin/sessions/${s.id}/participants/${before[0]!.id}/free`, { body: {}, cookie: lab.cookie });
    expect(r.status).toBe(200);
    expect(await seatOf(a.json.token)).toBeNull();
    await expect.poll(() => p.socket.connected).toBe(false);
    // the old link, opened again, says what happened instead of "not valid"
    const back = lab.join(a.json.token);
    await expect(new Promise((res, rej) => (back.socket.once("connect_error", (e) => res(e.message)), back.socket.once("connect", () => rej(new Error("old link still works")))))).resolves.toMatch(/no longer opens a seat/);
    const real = await join({ code: s.code, label: "Squat" });
    expect(real.status).toBe(200);
    expect((await monitor(s.id))[0]!.label).toBe("Squat");
    // events.csv: the experimenter's freeSeat (its seat in the payload) belongs to the first person, the next claim to the second
    const events = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/events.csv`, { cookie: lab.cookie })).text);
    const freeRow = events.find((e) => e.command === "freeSeat")!;
    expect([freeRow.actor_kind, freeRow.participant, freeRow.seat_holder]).toEqual(["admin", "", "1"]);
    expect(events.filter((e) => e.command === "claim" && e.accepted === "TRUE").map((e) => [e.participant, e.seat_holder])).toEqual([[before[0]!.id, "1"], [before[0]!.id, "2"]]);
    // the monitor's list of personal links reads the seat's new link
    const links = (await api(lab.base, `/api/admin/sessions/${s.id}/links`, { cookie: lab.cookie })).json.links as { participantId: string; path: string }[];
    expect(links.find((l) => l.participantId === before[0]!.id)!.path).toBe(`/p/${real.json.token}`);
    // nothing to free on a seat nobody took; a wrong seat is refused with a message
    const none = await api(lab.base, `/api/admin/sessions/${s.id}/participants/${before[1]!.id}/free`, { body: {}, cookie: lab.cookie });
    expect(none.status).toBe(409);
    expect(none.json.error.message).toMatch(/free already/);
    const ghost = await api(lab.base, `/api/admin/sessions/${s.id}/participants/nope/free`, { body: {}, cookie: lab.cookie });
    expect(ghost.status).toBe(409);
    // without the admin's cookie, nothing
    const anon = await api(lab.base, `/api/admin/sessions/${s.id}/participants/${before[0]!.id}/free`, { body: {} });
    expect(anon.status).toBe(401);
  });

  it("join.seatsPerAddress: one address takes at most that many seats; a seat coming back does not count", async () => {
    const s = await lab.createSession({ ...treatment, join: { seatsPerAddress: 1 } });
    const first = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000a1", SESSION_ID: "s1" } });
    expect(first.status).toBe(200);
    // the same person again (another device, same panel session): the same seat, not a second one
    const back = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000a1", SESSION_ID: "s1" } });
    expect(back.json.token).toBe(first.json.token);
    for (const body of [{ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000a2", SESSION_ID: "s2" } }, { code: s.code, label: "Other" }]) {
      const r = await join(body);
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe("join/too_many_seats");
      expect(r.json.error.message).toMatch(/already been taken from your network/);
    }
    // a seat given back no longer counts: the same address may take one again
    const rows = await monitor(s.id);
    const held = rows.find((r) => r.freeable)!;
    expect((await api(lab.base, `/api/admin/sessions/${s.id}/participants/${held.id}/free`, { body: {}, cookie: lab.cookie })).status).toBe(200);
    expect((await join({ code: s.code, label: "Again" })).status).toBe(200);
    // the event log and the state keep a tag of the address, never the address itself
    const claims = (await lab.app.manager.store.events(s.id)).filter((e) => e.command === "claim" || e.command === "claimPanel");
    for (const e of claims) expect(e.payloadJson).not.toContain("127.0.0.1");
    // nor one that can be computed back from the exports: a hash of the session id (in every export) and the
    // address was found by trying addresses (fresh-clone attack review); the tag is keyed by a stored secret
    const tags = new Set(claims.map((e) => (JSON.parse(e.payloadJson) as { from?: string }).from));
    expect(tags.size).toBe(1); // one address, one tag (what the cap counts by)
    const plain = (a: string) => createHash("sha256").update(`${s.id}|${a}`).digest("base64url").slice(0, 16);
    const guesses = ["::1", "::", ...Array.from({ length: 256 }, (_, i) => `127.0.0.${i}`)];
    for (const g of guesses) expect(tags.has(plain(g)), g).toBe(false);
    const key = await lab.app.manager.store.getSetting(ADDRESS_TAG_KEY);
    expect(key).toMatch(/^[\w-]{43}$/); // 32 random bytes, stored once
    expect(await lab.app.manager.store.settingOnce(ADDRESS_TAG_KEY, () => "another")).toBe(key);
    // without the setting, one address takes every seat (a classroom behind one NAT address)
    const open = await lab.createSession(treatment);
    for (const label of ["A", "B"]) expect((await join({ code: open.code, label })).status).toBe(200);
  });
});
