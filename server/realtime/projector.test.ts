/**
 * The projector feed through the real server: an admin socket watching with `projector:watch` gets the
 * projector's view, pushed live as rounds complete, with the charts filled from the rounds and none of
 * the treatment's distinctive private numbers (server/testing/lab.ts: α = 11.111, …).
 */
import { io as ioc, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectorMessage } from "../../lib/protocol/events";
import { idsTreatment, openLab, type Lab } from "../testing/lab";
import { api, expectOk } from "../testing/harness";

describe("projector feed", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());

  it("pushes the projector view with live charts; no private parameter, token or completion code", async () => {
    const s = await lab.createSession(idsTreatment({ bots: { seats: ["socialOptimum", "socialOptimum"], delayMs: 0 }, leaderboard: { top: 2 } }));
    const socket: Socket = ioc(lab.base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie: lab.cookie }, forceNew: true, reconnection: false });
    const pushed: ProjectorMessage[] = [];
    socket.on("projector:view", (m: ProjectorMessage) => pushed.push(m));
    const first = (await socket.timeout(5000).emitWithAck("projector:watch", { sessionId: s.id })) as { ok: true; data: ProjectorMessage };
    expect(first.ok).toBe(true);
    expect(first.data.view).toMatchObject({ stage: "before", roomCode: s.code, seats: 3, title: "Study" });
    expect(first.data.view.charts.map((c) => c.id)).toEqual(["ids-investment/investment", "ids-investment/total-cost", "ids-investment/investment-histogram"]);

    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const human = lab.join(s.tokens[2]!);
    await human.passIntro();
    for (let round = 1; round <= 2; round++) {
      await human.until((v) => v.play?.round === round && v.play.phase === "decide");
      expectOk(await human.act(`invest-${round}`, { type: "invest", x: 2 }));
      await human.until((v) => v.play?.round === round && v.play.phase === "results");
      expectOk(await human.act(`continue-${round}`, { type: "continue" }));
    }
    await human.until((v) => v.stage === "done");
    await expect.poll(() => pushed.at(-1)?.view.stage, { timeout: 5000 }).toBe("after");
    // the last round's charts arrive too (a recomputation within a second of the previous one is deferred, then pushed)
    const invOf = (m: ProjectorMessage | undefined) => m?.view.charts.find((c) => c.id === "ids-investment/investment");
    await expect.poll(() => invOf(pushed.at(-1))?.series[0]!.points.length, { timeout: 5000 }).toBe(2);
    const last = pushed.at(-1)!.view;
    const inv = last.charts.find((c) => c.id === "ids-investment/investment")!;
    expect(inv.series[0]!.points.map((p) => p.x)).toEqual([1, 2]);
    const so = inv.series[2]!.points.map((p) => p.y!);
    for (const p of inv.series[0]!.points) expect(p.n).toBe(3);
    for (const y of so) expect(y).toBeGreaterThan(0);
    expect(last.leaderboard).toHaveLength(2);
    expect(last.debrief!.length).toBeGreaterThan(0);

    const json = JSON.stringify(pushed);
    for (const secret of ["11.111", "12.222", "13.333", "0.777", "0.888", "0.999", "security test", ...s.tokens]) expect(json).not.toContain(secret);
    socket.close();
  }, 60_000);
});
