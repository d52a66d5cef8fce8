/**
 * Personal links and the room code (or a panel link) open at the same time: a seat taken by a join gets a
 * new link, so the personal link the experimenter may already have handed out for that seat opens nothing
 * (it says it no longer opens a seat) — its holder cannot see the joiner's private values or act for them,
 * and the joiner cannot open a seat whose link someone else already opened. Real server, real sockets.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./testing/harness";
import { openLab, type Lab } from "./testing/lab";

describe("a join and the seat's personal link", () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterEach(async () => {
    await lab?.close();
  });
  const join = (body: Record<string, unknown>) => api(lab.base, "/api/join", { body });
  const refusal = (token: string) =>
    new Promise<string>((res, rej) => {
      const p = lab.join(token);
      p.socket.once("connect_error", (e) => res(e.message));
      p.socket.once("connect", () => rej(new Error("the link opened a seat")));
    });
  const links = async (id: string) => ((await api(lab.base, `/api/admin/sessions/${id}`, { cookie: lab.cookie })).json.links as { path: string }[]).map((l) => l.path.slice(3));

  it("a seat taken by room code or panel id gets a new link; its handed-out link opens nothing", async () => {
    const s = await lab.createSession();
    expect(s.tokens.length).toBeGreaterThanOrEqual(3);
    // the first seat's link was opened by its person: no join takes that seat
    const alice = lab.join(s.tokens[0]!);
    await alice.until((v) => v.stage === "intro");
    const byCode = await join({ code: s.code, label: "Mallory" });
    const byPanel = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000aa", SESSION_ID: "s1" } });
    expect([byCode.status, byPanel.status]).toEqual([200, 200]);
    // seats 2 and 3, each with a link of its own: the monitor lists the new ones
    expect(s.tokens).not.toContain(byCode.json.token);
    expect(s.tokens).not.toContain(byPanel.json.token);
    expect(await links(s.id)).toEqual([s.tokens[0], byCode.json.token, byPanel.json.token, ...s.tokens.slice(3)]);
    // Bob and Carol got the personal links of seats 2 and 3 before: they open nothing, and say why
    expect(await refusal(s.tokens[1]!)).toMatch(/no longer opens a seat/);
    expect(await refusal(s.tokens[2]!)).toMatch(/no longer opens a seat/);
    // the joiners open their seats with the links they were given; Alice keeps hers
    const mallory = lab.join(byCode.json.token);
    expect((await mallory.until((v) => v.stage === "intro")).label).toBe("Mallory");
    expect(alice.last?.participantId).not.toBe(mallory.last?.participantId);
    // the same panel submission comes back to its seat with the link it was given, not a newer one
    const back = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000aa", SESSION_ID: "s1" } });
    expect(back.json.token).toBe(byPanel.json.token);
  });

  it("a join waits for the seat it takes: a browser opening that seat's old link never gets the joiner's seat", async () => {
    const s = await lab.createSession();
    const m = lab.app.manager;
    const host = (await m.get(s.id))!;
    const [A, B] = host.state.order as [string, string];
    const deferred = () => {
      let release!: () => void;
      return { done: new Promise<void>((r) => (release = r)), release: () => release() };
    };
    const pause = () => new Promise((r) => setTimeout(r, 20));
    // seat A's personal link is being opened (as the socket does it: under the seat's lock, then connect)
    const a = deferred();
    const openingA = m.withSeatOpening(s.id, A, async () => {
      await a.done;
      await host.dispatch({ actorKind: "participant", participantId: A }, { kind: "connect", pid: A });
    });
    await pause();
    // a join by room code: seat A is the first free one, so it waits for A's lock
    const join = m.join({ code: s.code, label: "Mallory" });
    await pause();
    // meanwhile seat B's old personal link is being opened: its link check passes before the join takes B
    const b = deferred();
    let bLinkValid = false;
    const openingB = m.withSeatOpening(s.id, B, async () => {
      bLinkValid = (await m.byToken(s.tokens[1]!)) !== null;
      await b.done;
      if (bLinkValid) await host.dispatch({ actorKind: "participant", participantId: B }, { kind: "connect", pid: B });
    });
    await pause();
    a.release();
    await openingA;
    b.release();
    await openingB;
    const joined = await join;
    expect(joined.ok).toBe(true);
    // the join took a seat only after the browser on B's link had opened B (B was no longer free): the joiner got C
    expect(bLinkValid).toBe(true);
    const seatOf = async (token: string) => (await m.byToken(token))?.pid;
    const mine = await seatOf((joined as { token: string }).token);
    expect(mine).not.toBe(A);
    expect(mine).not.toBe(B);
    expect(host.state.participants.get(mine!)!.label).toBe("Mallory");
    expect(host.state.participants.get(B)!.label).toBeNull();
  });
});
