/**
 * Issue 10 item 10 (memory): idle and ended sessions leave memory and come back, with their state, on
 * the next participant or admin request; at start only recently active running sessions are loaded.
 */
import { afterEach, describe, expect, it } from "vitest";
import { api, expectOk } from "../testing/harness";
import { idsTreatment, openLab, type Lab } from "../testing/lab";

// untimed, and the group waits for dropouts: nothing is due while nobody is online
const untimed = () => idsTreatment({ params: { ...idsTreatment().params, decisionSeconds: null }, dropout: { policy: "wait" } });
const waitFor = async (cond: () => boolean, ms = 5_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe("idle sessions leave memory", () => {
  let lab: Lab | undefined;
  afterEach(async () => lab?.close());

  it("unloads a session nobody is in and brings it back on a participant's or the admin's request", async () => {
    lab = await openLab({ idle: { idleAfterMs: 150, endedAfterMs: 50, sweepEveryMs: 50 } });
    const s = await lab.createSession(untimed());
    const ps = s.tokens.map((t) => lab!.join(t));
    for (const p of ps) await p.passIntro();
    await Promise.all(ps.map((p) => p.until((v) => v.play?.phase === "decide")));
    expectOk(await ps[1]!.act("unload-0001", { type: "invest", x: 2.5 }));
    await new Promise((r) => setTimeout(r, 400));
    expect(lab.app.manager.isLoaded(s.id)).toBe(true); // people are online: it stays
    for (const p of lab.clients.splice(0)) p.close();
    await waitFor(() => !lab!.app.manager.isLoaded(s.id));

    // a participant comes back: same screen, the other decision still counted
    const back = lab.join(s.tokens[0]!);
    const v = await back.until((x) => x.play?.phase === "decide");
    expect(v.play!.myTurn).toBe(true);
    expect(lab.app.manager.isLoaded(s.id)).toBe(true);
    const detail = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    expect(detail.json.view.participants.map((p: { decided: boolean }) => p.decided)).toEqual([false, true, false]);
    expectOk(await back.act("unload-0002", { type: "invest", x: 1 }));
    back.close();
    lab.clients.length = 0;
    await waitFor(() => !lab!.app.manager.isLoaded(s.id));

    // the admin opens it: loaded again, with both decisions
    const again = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    expect(again.json.view.participants.map((p: { decided: boolean }) => p.decided)).toEqual([true, true, false]);
    const events = await lab.app.store.events(s.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // the log continues without gaps
  });

  it("keeps a session with a running deadline in memory", async () => {
    lab = await openLab({ idle: { idleAfterMs: 100, endedAfterMs: 50, sweepEveryMs: 50 } });
    const s = await lab.createSession(); // 600 s decisions
    const ps = s.tokens.map((t) => lab!.join(t));
    for (const p of ps) await p.passIntro();
    await Promise.all(ps.map((p) => p.until((v) => v.play?.phase === "decide")));
    for (const p of lab.clients.splice(0)) p.close();
    await new Promise((r) => setTimeout(r, 400));
    expect(lab.app.manager.isLoaded(s.id)).toBe(true);
  });

  it("at start loads only recently changed running sessions; an older one loads on demand with its state", async () => {
    lab = await openLab();
    const fresh = await lab.createSession(untimed());
    const old = await lab.createSession(untimed());
    const p = lab.join(old.tokens[0]!);
    await p.passIntro();
    await p.until((v) => v.stage === "waiting");
    p.close();
    lab.clients.length = 0;
    await (await lab.app.manager.get(old.id))!.drain();
    await lab.app.db.session.update({ where: { id: old.id }, data: { updatedAt: new Date(Date.now() - 48 * 3600_000) } });
    const url = lab.db.url;
    const drop = lab.db.drop;
    await lab.app.close();
    lab = await openLab({ dbUrl: url });
    lab.db.drop = drop;
    expect(lab.app.manager.isLoaded(fresh.id)).toBe(true);
    expect(lab.app.manager.isLoaded(old.id)).toBe(false);
    const back = lab.join(old.tokens[0]!);
    await back.until((x) => x.stage === "waiting");
    expect(lab.app.manager.isLoaded(old.id)).toBe(true);
  });
});
