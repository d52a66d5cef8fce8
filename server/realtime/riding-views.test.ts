/**
 * Views in answers (server/realtime/riding-views.ts): the unit's rules, then through the real server with
 * a socket that asks for them (auth.viewsInAcks, as the browser does) next to ordinary sockets.
 */
import { io as ioc, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParticipantView } from "../../lib/engine/views";
import type { ViewMessage } from "../../lib/protocol/events";
import { api } from "../testing/harness";
import { idsTreatment, openLab, type Lab } from "../testing/lab";
import { RidingViews } from "./riding-views";

const msg = (n: number) => ({ view: { seat: n } as unknown as ParticipantView, serverNow: n });

describe("riding views (unit)", () => {
  const setup = (others = false) => {
    const toAll: { pid: string; n: number; except?: string }[] = [];
    const own: number[] = [];
    const rv = new RidingViews<null>((pid, m, except) => toAll.push({ pid, n: m.serverNow, ...(except ? { except } : {}) }), () => others);
    const socket = { id: "s1", sendView: (m: ViewMessage) => own.push(m.serverNow) };
    return { rv, socket, toAll, own };
  };

  it("keeps the view for the waiting answer; without a waiting intent it goes to every socket", () => {
    const { rv, socket, toAll } = setup();
    rv.deliver("p1", msg(1), null);
    const r = rv.board("p1", socket);
    rv.deliver("p1", msg(2), null);
    rv.deliver("p1", msg(3), null);
    expect(rv.alight("p1", r)?.serverNow).toBe(3);
    expect(toAll).toEqual([{ pid: "p1", n: 1 }]);
    expect(rv.size).toBe(0);
  });

  it("sends the participant's other sockets the view at once", () => {
    const { rv, socket, toAll } = setup(true);
    const r = rv.board("p1", socket);
    rv.deliver("p1", msg(2), null);
    expect(toAll).toEqual([{ pid: "p1", n: 2, except: "s1" }]);
    expect(rv.alight("p1", r)?.serverNow).toBe(2);
  });

  it("sends a kept view on its own when no answer took it in that turn of the event loop", async () => {
    const { rv, socket, own } = setup();
    const r = rv.board("p1", socket);
    rv.deliver("p1", msg(4), null);
    await new Promise((res) => setImmediate(res));
    expect(own).toEqual([4]);
    expect(rv.alight("p1", r)).toBeNull();
  });

  it("a second socket of the participant waiting at the same time gets no ride", () => {
    const { rv, socket } = setup();
    const r = rv.board("p1", socket);
    expect(rv.board("p1", { id: "s2", sendView: () => {} })).toBeNull();
    expect(rv.board("p1", socket)).toBe(r); // the same socket's second intent shares it
    rv.alight("p1", r);
    expect(rv.size).toBe(1);
    rv.alight("p1", r);
    expect(rv.size).toBe(0);
  });
});

describe("riding views through the server", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());

  it("answers a socket that asked with its new view inside the ack; other sockets still get p:view", async () => {
    const s = await lab.createSession(idsTreatment({ params: { ...idsTreatment().params, decisionSeconds: null } }));
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const rider: Socket = ioc(lab.base, { transports: ["websocket"], auth: { token: s.tokens[0], viewsInAcks: true }, forceNew: true, reconnection: false });
    const pushed: ParticipantView[] = [];
    rider.on("p:view", (m: ViewMessage) => pushed.push(m.view));
    const [b, c] = [lab.join(s.tokens[1]!), lab.join(s.tokens[2]!)];
    try {
      await expect.poll(() => pushed.at(-1)?.stage).toBe("intro");
      const before = pushed.length;
      const consent = (await rider.emitWithAck("p:intro", { step: "consent" })) as { ok: true; data: { view?: ViewMessage } };
      expect(consent.data.view?.view.introStep).toBe("instructions");
      const instr = (await rider.emitWithAck("p:intro", { step: "instructions" })) as { ok: true; data: { view?: ViewMessage } };
      expect(instr.data.view?.view.stage).toBe("waiting");
      await b.passIntro();
      await c.passIntro();
      // the group formed through the others' commands: that view came as p:view
      await expect.poll(() => pushed.at(-1)?.play?.phase).toBe("decide");
      const play = pushed.at(-1)!.play!;
      const mine = (await rider.emitWithAck("p:action", { clientActionId: "ride-0001", action: { type: "invest", x: 1.5 }, at: { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } })) as {
        ok: true;
        data: { view?: ViewMessage };
      };
      expect(mine, JSON.stringify(mine)).toMatchObject({ ok: true });
      expect(mine.data.view?.view.play).toMatchObject({ myTurn: false, pendingCount: 2 });
      // the others see the count (held back briefly, then sent)
      await b.until((v) => v.play?.pendingCount === 2, 3000);
      // nothing the rider's own commands changed came twice
      await new Promise((r) => setTimeout(r, 400));
      const own = pushed.slice(before).filter((v) => v.introStep === "instructions" && v.stage === "intro");
      expect(own).toEqual([]);
      expect(pushed.some((v) => v.play?.myTurn === false && v.play.phase === "decide")).toBe(false);
      // the phase ends by others' decisions: p:view as before
      expect((await b.act("bbbb-0001", { type: "invest", x: 2 })).ok).toBe(true);
      expect((await c.act("cccc-0001", { type: "invest", x: 2 })).ok).toBe(true);
      await expect.poll(() => pushed.at(-1)?.play?.phase).toBe("results");
    } finally {
      rider.close();
    }
  }, 60_000);
});
