/**
 * A latecomer in a classroom through the real server (lib/engine/takeover.ts): every seat is taken, two of
 * them by bots the experimenter filled in; a room-code join then gets one of those seats with a new link (the
 * seat's old link opens nothing), reads the intro while the bot plays on, and plays the seat to the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, expectOk } from "./testing/harness";
import { idsTreatment, openLab, type Lab } from "./testing/lab";
import { parseCsv } from "./testing/parse-csv";

describe("a latecomer takes over a seat filled with a bot", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());
  const command = (id: string, body: unknown) => api(lab.base, `/api/admin/sessions/${id}/command`, { body, cookie: lab.cookie });
  const join = (code: string, label: string) => api(lab.base, "/api/join", { body: { code, label } });

  it("joins a full session by room code, reads while the bot plays, then plays the seat; the seat's old link opens nothing", async () => {
    const s = await lab.createSession(idsTreatment({ params: { ...idsTreatment().params, rounds: 3 } }));
    await command(s.id, { kind: "open" });
    const ann = await join(s.code, "Ann");
    expect(ann.status).toBe(200);
    const annP = lab.join(ann.json.token as string);
    await annP.passIntro();
    expect((await command(s.id, { kind: "fillWithBots" })).status).toBe(200);
    await annP.until((v) => v.play?.round === 1 && v.play.phase === "decide");

    const bo = await join(s.code, "Bo");
    expect(bo.status).toBe(200);
    const boP = lab.join(bo.json.token as string);
    const intro = await boP.until((v) => v.stage === "intro");
    expect(intro).toMatchObject({ introStep: "consent", label: "Bo", play: null });
    // the monitor: the latecomer reads, the seat's bot plays meanwhile
    const monitor = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    const row = (monitor.json.view.participants as { id: string; takeover: string | null; presence: string }[]).find((p) => p.id === intro.participantId)!;
    expect(row).toMatchObject({ takeover: "consent", presence: "bot" });
    // round 1 is played with the bot in Bo's seat while Bo reads
    expectOk(await annP.act("invest-1", { type: "invest", x: 2 }));
    await annP.until((v) => v.play?.round === 1 && v.play.phase === "results");
    await boP.passIntro();
    expectOk(await annP.act("continue-1", { type: "continue" }));
    const playing = await boP.until((v) => v.stage === "playing" && v.play?.round === 2 && v.play.phase === "decide");
    expect(playing.botPlaying).toBe(false);
    expect(playing.history.length).toBe(1); // the round the bot played for the seat
    expectOk(await boP.act("bo-invest-2", { type: "invest", x: 3 }));
    // the seat's old link (the one it had as a filled seat) opens nothing now
    const seatIndex = (monitor.json.view.participants as { id: string }[]).findIndex((p) => p.id === intro.participantId);
    const old = lab.join(s.tokens[seatIndex]!);
    const refused = await new Promise<string>((res, rej) => {
      old.socket.once("connect_error", (e) => res(e.message));
      old.socket.once("connect", () => rej(new Error("the old link opened the seat")));
    });
    expect(refused).toMatch(/no longer opens a seat/);
    // the data: round 1 of the seat is the bot's (the seat was a filled one then), round 2 Bo's
    await annP.until((v) => v.play?.round === 2 && v.play.phase === "decide");
    expectOk(await annP.act("invest-2", { type: "invest", x: 2 }));
    await boP.until((v) => v.play?.round === 2 && v.play.phase === "results");
    expectOk(await annP.act("continue-2", { type: "continue" }));
    expectOk(await boP.act("bo-continue-2", { type: "continue" }));
    await boP.until((v) => v.play?.round === 3);
    const csv = await api(lab.base, `/api/admin/sessions/${s.id}/export/data.csv`, { cookie: lab.cookie });
    const [head, ...rows] = (csv.text as string).trim().split("\r\n").map((l) => l.split(","));
    const col = (name: string) => head!.indexOf(name);
    const mine = rows.filter((r) => r[col("participant")] === intro.participantId).map((r) => [r[col("round")], r[col("is_bot")], r[col("bot_reason")]]);
    expect(mine).toEqual([
      ["1", "TRUE", "bot_seat"],
      ["2", "FALSE", ""],
    ]);
  }, 30_000);

  it("a latecomer who declines gives the seat back to its bot; the next one is the seat's next holder in events.csv and data-wide.csv; a hidden label of theirs stays barred", async () => {
    const s = await lab.createSession(idsTreatment({ params: { ...idsTreatment().params, rounds: 3 } }));
    await command(s.id, { kind: "open" });
    const annP = lab.join((await join(s.code, "Ann")).json.token as string);
    await annP.passIntro();
    await command(s.id, { kind: "fillWithBots" });
    const boP = lab.join((await join(s.code, "Bo")).json.token as string);
    const seat = (await boP.until((v) => v.stage === "intro")).participantId;
    expectOk(await boP.emit("p:intro", { step: "decline" }));
    expect(await boP.until((v) => v.stage === "done")).toMatchObject({ done: { leftBeforePlay: "declined", completionCode: "" }, play: null });
    const cy = await join(s.code, "Cy");
    const cyP = lab.join(cy.json.token as string);
    expect((await cyP.until((v) => v.stage === "intro")).participantId).toBe(seat);
    expect((await command(s.id, { kind: "hideLabel", pid: seat, hidden: true })).status).toBe(200);
    const events = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/events.csv`, { cookie: lab.cookie })).text as string);
    const ofSeat = events
      .filter((r) => r.participant === seat || r.payload!.includes(seat))
      .filter((r) => ["claim", "decline", "hideLabel"].includes(r.command!))
      .map((r) => [r.command, r.seat_holder]);
    expect(ofSeat).toEqual([
      ["claim", "1"],
      ["decline", "1"],
      ["claim", "2"],
      ["hideLabel", "2"],
    ]);
    const wide = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/data-wide.csv`, { cookie: lab.cookie })).text as string);
    expect(wide.find((r) => r.participant === seat)!.seat_holder).toBe("2");
    // Cy's label, hidden, stays barred once the seat is given up (here: Cy declines too)
    expectOk(await cyP.emit("p:intro", { step: "decline" }));
    const again = await join(s.code, "Cy");
    expect(again.status).toBe(400);
    expect(again.json.error.message).toMatch(/cannot be used in this session/);
  }, 30_000);
});
