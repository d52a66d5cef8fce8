/**
 * A game `view` that throws after a command is stored (a bug in a game module): the sender still gets
 * the answer to their stored command, the other members still get their views, the crash is logged once
 * with the session and the game, and the process goes on (no unhandled rejection, which vitest reports).
 */
import { io as ioc, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { games } from "../../lib/games/registry";
import { api, expectOk } from "../testing/harness";
import { idsTreatment, openLab, type Lab } from "../testing/lab";

type ViewFn = (state: unknown, viewer: { kind: string; playerId?: string }, ctx: unknown) => unknown;
const game = games["ids-investment"] as unknown as { view: ViewFn; monitor: (state: unknown, ctx: unknown) => unknown };

describe("a game view that throws", () => {
  let lab: Lab;
  const logs: string[] = [];
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0, log: (l) => logs.push(l) });
  });
  afterAll(() => lab.close());

  it("answers the sender, updates the others, and logs the crash once", async () => {
    const s = await lab.createSession(idsTreatment());
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const links = (await api(lab.base, `/api/admin/sessions/${s.id}/links`, { cookie: lab.cookie })).json.links as { participantId: string; path: string }[];
    const ps = links.map((l) => lab.join(l.path.slice(3)));
    for (const p of ps) await p.passIntro();
    for (const p of ps) await p.until((v) => v.play?.phase === "decide");
    const sender = links[0]!.participantId;
    const original = game.view;
    game.view = (state, viewer, ctx) => {
      if (viewer.playerId === sender) throw new Error("bug in view");
      return original(state, viewer, ctx);
    };
    try {
      const noAnswer = new Promise((res) => setTimeout(() => res("no answer in 5 s"), 5000));
      const ack = await Promise.race([ps[0]!.act("view-crash-1", { type: "invest", x: 2 }), noAnswer]);
      expect(ack).toMatchObject({ ok: true });
      // the others see the stored decision
      await ps[1]!.until((v) => v.play?.pendingCount === 2, 5000);
      await ps[2]!.until((v) => v.play?.pendingCount === 2, 5000);
      // another command, the same crash: still answered, still one log line
      expectOk(await ps[1]!.act("view-crash-2", { type: "invest", x: 1 }));
      await ps[2]!.until((v) => v.play?.pendingCount === 1, 5000);
      // a page that asks for its view again gets a refusal, not silence
      const sync = await Promise.race([ps[0]!.emit("p:sync", {}), noAnswer]);
      expect(sync).toMatchObject({ ok: false });
    } finally {
      game.view = original;
    }
    const crashes = logs.filter((l) => l.includes("bug in view"));
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toContain(`session=${s.id}`);
    expect(crashes[0]).toContain("ids-investment");
    // and the session goes on once the view works again
    expectOk(await ps[2]!.act("after-fix", { type: "invest", x: 1 }));
    await ps[0]!.until((v) => v.play?.phase === "results", 5000);
  }, 60_000);

  it("the monitor still shows the session when the game's monitor throws", async () => {
    const s = await lab.createSession(idsTreatment());
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const ps = s.tokens.map((t) => lab.join(t));
    for (const p of ps) await p.passIntro();
    await ps[0]!.until((v) => v.play?.phase === "decide");
    const original = game.monitor;
    game.monitor = () => {
      throw new Error("bug in monitor");
    };
    try {
      const detail = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
      expect(detail.status).toBe(200);
      expect(detail.json.view.groups[0].monitor).toBeNull();
      expect(detail.json.view.groups[0].status).toBe("playing");
    } finally {
      game.monitor = original;
    }
    expect(logs.filter((l) => l.includes("bug in monitor"))).toHaveLength(1);
  }, 60_000);

  it("a phase's `pending` that throws costs the monitor its view, not the process", async () => {
    const s = await lab.createSession(idsTreatment());
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const monitor: Socket = ioc(lab.base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie: lab.cookie }, forceNew: true, reconnection: false });
    expect(await monitor.timeout(5000).emitWithAck("admin:watch", { sessionId: s.id })).toMatchObject({ ok: true });
    const ps = s.tokens.map((t) => lab.join(t));
    for (const p of ps) await p.passIntro();
    await ps[0]!.until((v) => v.play?.phase === "decide");
    const decide = games["ids-investment"]!.phases.decide! as unknown as { pending: (state: unknown, ctx: unknown) => string[] };
    const original = decide.pending;
    decide.pending = () => {
      throw new Error("bug in pending");
    };
    try {
      // a command pushes the monitor (in a timer: a throw there would end the process)
      await ps[0]!.act("pending-crash-1", { type: "invest", x: 1 });
      await new Promise((r) => setTimeout(r, 1500));
      const detail = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
      expect(detail.status).toBe(500);
      expect(detail.json.error.message).toMatch(/game's code failed/);
    } finally {
      decide.pending = original;
      monitor.close();
    }
    expect((await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie })).status).toBe(200);
    expect(logs.filter((l) => l.includes("bug in pending")).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
