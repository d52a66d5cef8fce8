/**
 * Fresh-clone review A7 with a real server: the monitor's "Replace by bot" on a seat whose person closed the tab
 * on the consent page (never agreed). The seat is freed from them with a new link and code, as "Free seat" does,
 * and becomes a bot seat: payments.csv does not pay them (no show-up fee, no bonus for the bot's rounds), the data
 * do not list them as a participant, and events.csv counts the bot as the seat's next holder.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./testing/harness";
import { openLab, playIdsToTheEnd, type Lab } from "./testing/lab";
import { parseCsv } from "./testing/parse-csv";

const treatment = {
  name: "replace in the intro",
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, decisionSeconds: 60, resultsSeconds: null },
  payment: { showUpFee: 5, perPoint: 0.01, currency: "EUR" },
};

describe("Replace by bot on a person still at the consent page (fresh-clone review A7)", () => {
  let lab: Lab;
  let now = Date.UTC(2026, 11, 7, 12);
  beforeEach(async () => {
    now = Date.UTC(2026, 11, 7, 12);
    lab = await openLab({ botDelayMs: 0, clock: () => now });
  });
  afterEach(async () => {
    await lab?.close();
  });
  const join = (body: Record<string, unknown>) => api(lab.base, "/api/join", { body });
  const csv = async (id: string, file: string) => parseCsv((await api(lab.base, `/api/admin/sessions/${id}/export/${file}`, { cookie: lab.cookie })).text);

  it("frees the seat from Lu for a bot seat: her link is dead, she is not paid or in the data, and seat_holder counts the bot as the next holder", async () => {
    const s = await lab.createSession(treatment);
    const ana = await join({ code: s.code, label: "Ana" });
    const lu = await join({ code: s.code, label: "Lu" });
    const a = lab.join(ana.json.token);
    await a.until((v) => v.stage === "intro");
    for (const step of ["consent", "instructions"]) expect((await a.emit("p:intro", { step })).ok).toBe(true);
    await a.until((v) => v.stage === "waiting");
    const l = lab.join(lu.json.token);
    await l.until((v) => v.stage === "intro" && v.introStep === "consent");
    l.close();
    const luPid = (await lab.app.manager.store.participantByToken(lu.json.token))!.id;
    const codeBefore = (await lab.app.manager.store.participants(s.id)).find((r) => r.id === luPid)!.completionCode;

    // an unknown bot is refused before anything changes: her link still opens her seat
    const typo = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { cookie: lab.cookie, body: { kind: "replaceWithBot", pid: luPid, strategy: "nope" } });
    expect(typo.status).toBe(409);
    expect(await lab.app.manager.store.participantByToken(lu.json.token)).not.toBeNull();
    const r = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { cookie: lab.cookie, body: { kind: "replaceWithBot", pid: luPid } });
    expect(r.status).toBe(200);
    // like "Free seat": her old link opens nothing, and the seat has a new completion code
    expect(await lab.app.manager.store.participantByToken(lu.json.token)).toBeNull();
    expect((await lab.app.manager.store.participants(s.id)).find((row) => row.id === luPid)!.completionCode).not.toBe(codeBefore);
    // play starts at once and ends with the bot
    await playIdsToTheEnd(a, 1);

    const pay = await csv(s.id, "payments.csv");
    expect(pay.map((row) => row.label)).toEqual(["Ana"]);
    const wide = await csv(s.id, "data-wide.csv");
    const seat = wide.find((row) => row.participant === luPid)!;
    expect([seat.label, seat.bot_seat, seat.seat_holder, seat.left_before_play]).toEqual(["", "TRUE", "2", ""]);
    const long = (await csv(s.id, "data.csv")).filter((row) => row.participant === luPid);
    expect(long.map((row) => [row.label, row.bot_reason])).toEqual([["", "bot_seat"]]);
    // events.csv: her claim and connect are holder 1, and so is the replaceWithBot that freed her (payload.intro); the bot's moves are holder 2
    const events = (await csv(s.id, "events.csv")).filter((e) => e.participant === luPid || (e.payload ?? "").includes(`"pid":"${luPid}"`));
    const replaced = events.find((e) => e.command === "replaceWithBot" && e.accepted === "TRUE")!;
    expect([replaced.seat_holder, JSON.parse(replaced.payload!).intro]).toEqual(["1", true]);
    expect(events.find((e) => e.command === "claim")!.seat_holder).toBe("1");
    const moves = events.filter((e) => e.command === "action");
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((e) => e.seat_holder === "2" && e.actor_kind === "bot")).toBe(true);
  });
});
