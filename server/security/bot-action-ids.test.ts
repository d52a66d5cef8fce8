/**
 * A participant cannot disable the bot that will play their seat (attacker review G2): an action id in the
 * bots' form (`bot:<group>:<phaseSeq>:<pid>:<n>`, all of it in the participant's own view) is refused with a
 * clear message, and after "Replace by bot" the bot decides at once. The engine's side (a poisoned id
 * stored before, the dropout bot): lib/engine/bot-action-ids.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, expectOk } from "../testing/harness";
import { idsTreatment, openLab, type Lab } from "../testing/lab";

describe("action ids in the bots' form", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());

  it("are refused with a clear message, and the bot that replaces the seat decides", async () => {
    const s = await lab.createSession(idsTreatment());
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const ps = s.tokens.slice(0, 3).map((t) => lab.join(t));
    for (const p of ps) await p.passIntro();
    const [me, a, b] = ps as [(typeof ps)[0], (typeof ps)[0], (typeof ps)[0]];
    const v = await me.until((x) => x.play?.round === 1 && x.play.phase === "decide");
    const pid = v.participantId;
    const poison = `bot:${v.play!.groupId}:${v.play!.phaseSeq + 2}:${pid}:0`;
    for (const id of [poison, poison.toUpperCase()]) {
      const ack = await me.act(id, { type: "invest", x: 1 });
      expect(ack.ok, id).toBe(false);
      expect(ack.error.message).toMatch(/ids starting with "bot:" are the server's own \(its bots' moves\); use another, e\.g\. a UUID/);
    }
    expect((await me.until((x) => x.play?.round === 1)).play!.myTurn).toBe(true); // nothing was recorded
    expectOk(await me.act("my-own-id-1", { type: "invest", x: 1 }));
    expectOk(await me.act("my-own-id-1", { type: "invest", x: 1 })); // a retry of the same id: counted once
    expectOk(await a.act("a-invest-1", { type: "invest", x: 1 }));
    expectOk(await b.act("b-invest-1", { type: "invest", x: 1 }));
    for (const [p, n] of [[me, "me"], [a, "a"], [b, "b"]] as const) {
      await p.until((x) => x.play?.round === 1 && x.play.phase === "results");
      expectOk(await p.act(`${n}-continue-1`, { type: "continue" }));
    }
    await me.until((x) => x.play?.round === 2 && x.play.phase === "decide");
    const r = await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "replaceWithBot", pid }, cookie: lab.cookie });
    expect(r.status).toBeLessThan(300);
    expectOk(await a.act("a-invest-2", { type: "invest", x: 1 }));
    expectOk(await b.act("b-invest-2", { type: "invest", x: 1 }));
    // the bot decided for the replaced seat: the group is on to the results without waiting for the timer
    await a.until((x) => x.play?.round === 2 && x.play.phase === "results", 5_000);
  }, 60_000);
});
