/**
 * Game code that crashes on the last decision, end to end: the person's answer is a clear refusal, the
 * open monitor is pushed the failed group with the error at once, "End phase now" tells the experimenter
 * what to do, and ending the group works.
 */
import { io as ioc, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { games } from "../../lib/games/registry";
import type { AdminMessage } from "../../lib/protocol/events";
import { api, expectOk } from "../testing/harness";
import { idsTreatment, openLab, type Lab } from "../testing/lab";

const decide = games["ids-investment"]!.phases.decide! as unknown as { onExit: ((state: unknown, ctx: unknown) => unknown) | undefined };

describe("game code that crashes on the last decision", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());

  it("refuses it clearly, shows it on the monitor, and the experimenter can end the group", async () => {
    const s = await lab.createSession(idsTreatment());
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const monitor: Socket = ioc(lab.base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie: lab.cookie }, forceNew: true, reconnection: false });
    const pushed: AdminMessage[] = [];
    monitor.on("admin:view", (m: AdminMessage) => pushed.push(m));
    expect(await monitor.timeout(5000).emitWithAck("admin:watch", { sessionId: s.id })).toMatchObject({ ok: true });
    const ps = s.tokens.map((t) => lab.join(t));
    for (const p of ps) await p.passIntro();
    for (const p of ps) await p.until((v) => v.play?.phase === "decide");
    const original = decide.onExit;
    decide.onExit = () => {
      throw new Error("bug in onExit");
    };
    try {
      expectOk(await ps[0]!.act("decide-0", { type: "invest", x: 1 }));
      expectOk(await ps[1]!.act("decide-1", { type: "invest", x: 1 }));
      const last = await ps[2]!.act("decide-2", { type: "invest", x: 1 });
      expect(last).toMatchObject({ ok: false, error: { wording: { key: "gameFailed" } } });
      await expect.poll(() => pushed.at(-1)?.view.groups[0]?.gameCrash?.message, { timeout: 5000 }).toBe("bug in onExit");
      const gid = pushed.at(-1)!.view.groups[0]!.id;
      const forced = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "forcePhaseEnd", groupId: gid }, cookie: lab.cookie });
      expect(forced.status).toBe(409);
      expect(forced.text).toMatch(/bug in onExit.*end the group/);
      const ended = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "endFailedGroup", groupId: gid }, cookie: lab.cookie });
      expect(ended.status).toBe(200);
      await expect.poll(() => pushed.at(-1)?.view.groups[0]?.status, { timeout: 5000 }).toBe("ended");
      expect(pushed.at(-1)!.view.groups[0]!.gameCrash).toBeNull();
      await ps[2]!.until((v) => v.stage !== "playing", 5000);
    } finally {
      decide.onExit = original;
      monitor.close();
    }
  }, 60_000);
});
