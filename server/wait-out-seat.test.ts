/**
 * A person who waited out the waiting room (`waitingRoom.maxMinutes`) with a real server (fresh-clone review A6):
 * the seat goes back to the free seats at once, their link keeps showing their final page (code, show-up fee) and
 * nothing of the seat's next person, their panel id gets no second seat, and payments.csv lists both people.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./testing/harness";
import { openLab, type Lab } from "./testing/lab";
import { parseCsv } from "./testing/parse-csv";

const treatment = {
  name: "wait out",
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, decisionSeconds: 60, resultsSeconds: null },
  waitingRoom: { maxMinutes: 1 },
  payment: { showUpFee: 2, perPoint: 0.1, currency: "GBP" },
  completionUrl: "https://app.prolific.com/submissions/complete?cc=STUDYCODE",
};

describe("a seat whose person waited out", () => {
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
  const monitor = async (id: string) => (await api(lab.base, `/api/admin/sessions/${id}`, { cookie: lab.cookie })).json.view as {
    participants: { id: string; stage: string; claimed: boolean }[];
    groupWait: { cannotForm: boolean; emptySeats: number } | null;
  };
  const csv = async (id: string, file: string) => parseCsv((await api(lab.base, `/api/admin/sessions/${id}/export/${file}`, { cookie: lab.cookie })).text);
  const until = async (what: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await what()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await what()).toBe(true);
  };

  it("goes back to the free seats; the person's link keeps their final page; their panel id gets no second seat; payments list both", async () => {
    const s = await lab.createSession(treatment);
    const a = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000a1", SESSION_ID: "x1" } });
    expect(a.status).toBe(200);
    const pa = lab.join(a.json.token);
    await pa.passIntro();
    await pa.until((v) => v.stage === "waiting");
    // a minute without a group: the final page, and the seat is free again at once (no sweep needed)
    now += 61_000;
    const host = (await lab.app.manager.get(s.id))!;
    await host.dispatch({ actorKind: "system", participantId: null }, { kind: "tick" });
    const done = (await pa.until((v) => v.stage === "done")).done!;
    expect([done.waitedOut, done.payout]).toEqual([true, 2]);
    const code = done.completionCode;
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await until(async () => (await monitor(s.id)).participants[0]!.stage === "new");
    expect(await lab.app.manager.store.participantByToken(a.json.token)).toBeNull();

    // reloaded: the same link shows the same final page (not a new seat, not the seat's next person)
    const again = lab.join(a.json.token);
    const back = (await again.until((v) => v.stage === "done")).done!;
    expect([back.waitedOut, back.completionCode, back.payout]).toEqual([true, code, 2]);
    const sync = await again.emit("p:sync", {});
    expect(sync.ok && sync.data.view.done.completionCode).toBe(code);
    const act = await again.emit("p:intro", { step: "consent" });
    expect(act.ok).toBe(false);

    // the panel link again: from the same browser (its stored link) the final page; a second seat never
    const resumed = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000a1", SESSION_ID: "x1" }, resume: a.json.token });
    expect([resumed.status, resumed.json.token]).toEqual([200, a.json.token]);
    const twice = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000a1", SESSION_ID: "x9" } });
    expect(twice.status).toBeGreaterThanOrEqual(400);
    expect(twice.json.error.message).toMatch(/already waited for a group in this session/);

    // the next person takes the freed seat, with a link and code of their own, and sees their own intro
    const b = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000b2", SESSION_ID: "x2" } });
    expect(b.status).toBe(200);
    expect(b.json.token).not.toBe(a.json.token);
    const pb = lab.join(b.json.token);
    await pb.until((v) => v.stage === "intro");
    // A's page still shows A's final page
    const third = lab.join(a.json.token);
    expect((await third.until((v) => v.stage === "done")).done!.completionCode).toBe(code);

    const pay = await csv(s.id, "payments.csv");
    expect(pay.map((r) => [r.seat, r.seat_holder, r.external_id, r.left_before_play, r.payout, r.completion_code === code])).toEqual([
      ["1", "1", "5f00000000000000000000a1", "waited_out", "2.00", true],
      ["1", "2", "5f00000000000000000000b2", "", "2.00", false],
    ]);
    // the kept link goes with the session when it is deleted
    expect(await lab.app.manager.store.formerLink(a.json.token)).not.toBeNull();
    await (await lab.app.manager.get(s.id))!.dispatch({ actorKind: "admin", participantId: null }, { kind: "end" });
    await lab.app.manager.delete(s.id);
    expect(await lab.app.manager.store.formerLink(a.json.token)).toBeNull();
  });

  it("a room-code join from the browser that waited out finds its final page again; the same label from another browser is someone else's", async () => {
    const s = await lab.createSession(treatment);
    const a = await join({ code: s.code, label: "Jürgen" });
    expect(a.status).toBe(200);
    const pa = lab.join(a.json.token);
    await pa.passIntro();
    await pa.until((v) => v.stage === "waiting");
    now += 61_000;
    await (await lab.app.manager.get(s.id))!.dispatch({ actorKind: "system", participantId: null }, { kind: "tick" });
    await until(async () => (await monitor(s.id)).participants[0]!.stage === "new");
    const back = await join({ code: s.code, label: "jürgen", resume: a.json.token });
    expect([back.status, back.json.token]).toEqual([200, a.json.token]);
    // a label names nobody (fresh-clone review B3): only the browser that waited is kept from a second seat
    const elsewhere = await join({ code: s.code, label: "Jürgen" });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.json.token).not.toBe(a.json.token);
    const next = await join({ code: s.code, label: "Müller" });
    expect(next.status).toBe(200);
  });

  it("a personal-link seat is freed too; Fill empty seats with bots then starts the group with the person waiting", async () => {
    const s = await lab.createSession(treatment);
    const p1 = lab.join(s.tokens[0]!);
    await p1.passIntro();
    await p1.until((v) => v.stage === "waiting");
    now += 61_000;
    await (await lab.app.manager.get(s.id))!.dispatch({ actorKind: "system", participantId: null }, { kind: "tick" });
    await until(async () => (await monitor(s.id)).participants[0]!.stage === "new");
    // the second seat's person arrives and waits; the monitor offers both seats... and one is empty
    const p2 = lab.join(s.tokens[1]!);
    await p2.passIntro();
    await p2.until((v) => v.stage === "waiting");
    expect((await monitor(s.id)).groupWait).toMatchObject({ cannotForm: false, emptySeats: 1 });
    const fill = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { cookie: lab.cookie, body: { kind: "fillWithBots" } });
    expect(fill.status).toBeLessThan(300);
    await p2.until((v) => v.stage === "playing");
    // the first person's old link: their final page
    const reload = lab.join(s.tokens[0]!);
    expect((await reload.until((v) => v.stage === "done")).done!.waitedOut).toBe(true);
  });
});
