/**
 * The projector feed through the real server: an admin socket watching with `projector:watch` gets the
 * projector's view, pushed live as rounds complete, with the charts filled from the rounds and none of
 * the treatment's distinctive private numbers (server/testing/lab.ts: α = 11.111, …). For a session of
 * bots of every game: every message pushed from before play to the debrief holds only whitelisted keys,
 * no chart by private type before the end, no spread band over fewer than 5 values, no link token,
 * completion code or treatment name; German treatments get German charts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { io as ioc, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOM_MIN_SPREAD } from "../../lib/charts/room";
import type { ProjectorMessage } from "../../lib/protocol/events";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { keysOffWhitelist } from "../../lib/testing/projector-whitelist";
import { idsTreatment, openLab, playIdsToTheEnd, type Lab } from "../testing/lab";
import { api } from "../testing/harness";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples", "treatments");

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
    expect(first.data.view.charts).toEqual([]); // one group: no chart before the session is over (lib/charts/room.ts)

    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const human = lab.join(s.tokens[2]!);
    await human.passIntro();
    await playIdsToTheEnd(human, 2);
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
    expect(last.leaderboard!.map((r) => r.label)).toEqual(["Seat 3"]); // the person; the two bot seats are not ranked
    expect(last.debrief!.length).toBeGreaterThan(0);

    const json = JSON.stringify(pushed);
    for (const secret of ["11.111", "12.222", "13.333", "0.777", "0.888", "0.999", "security test", ...s.tokens]) expect(json).not.toContain(secret);
    socket.close();
  }, 60_000);

  /** An admin socket watching the projector of session `id`, collecting every message (the answer first). */
  async function watchProjector(id: string) {
    const socket: Socket = ioc(lab.base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie: lab.cookie }, forceNew: true, reconnection: false });
    const pushed: ProjectorMessage[] = [];
    socket.on("projector:view", (m: ProjectorMessage) => pushed.push(m));
    const first = (await socket.timeout(5000).emitWithAck("projector:watch", { sessionId: id })) as { ok: true; data: ProjectorMessage };
    expect(first.ok).toBe(true);
    pushed.unshift(first.data);
    return { socket, pushed };
  }

  it("the experimenter hides an offensive label: the room's screen shows the seat's number at once, also after the end", async () => {
    const s = await lab.createSession(idsTreatment({ leaderboard: { top: 3 } }));
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const joined = await api(lab.base, "/api/join", { body: { code: s.code, label: "Rude Name" } });
    expect(joined.status).toBe(200);
    const rude = lab.join(joined.json.token as string);
    await rude.until((v) => v.stage === "intro");
    const pid = rude.last!.participantId;
    const { socket, pushed } = await watchProjector(s.id);
    const names = () => (pushed.at(-1)?.view.leaderboard ?? []).map((r) => r.label);
    const hide = (hidden: unknown, who: unknown = pid) => api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "hideLabel", pid: who, hidden }, cookie: lab.cookie });
    // before play the screen lists who joined under their label
    expect(names()).toEqual(["Rude Name"]);
    const before = pushed.length;
    expect((await hide(true)).status).toBe(200);
    await expect.poll(names, { timeout: 5000 }).toEqual([expect.stringMatching(/^Seat \d$/)]);
    expect((await hide(true)).json.error.message).toMatch(/hidden from the room's screen already/);
    expect((await hide("yes")).status).toBe(400);
    expect((await hide(true, "someone-else")).json.error.message).toMatch(/No such participant/);
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "end" }, cookie: lab.cookie });
    await expect.poll(() => pushed.at(-1)?.view.stage, { timeout: 5000 }).toBe("after");
    const monitor = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    const row = (monitor.json.view.participants as { id: string; seat: number; label: string; labelHidden: boolean }[]).find((p) => p.id === pid)!;
    expect(row).toMatchObject({ label: "Rude Name", labelHidden: true });
    // the debrief's leaderboard ranks the seat under its number; the label never reached the screen again
    await expect.poll(names, { timeout: 5000 }).toContain(`Seat ${row.seat + 1}`);
    expect(JSON.stringify(pushed.slice(before))).not.toContain("Rude Name");
    // shown again after the end, then hidden again: each change reaches the screen
    expect((await hide(false)).status).toBe(200);
    await expect.poll(names, { timeout: 5000 }).toContain("Rude Name");
    expect((await hide(true)).status).toBe(200);
    await expect.poll(names, { timeout: 5000 }).toContain(`Seat ${row.seat + 1}`);
    expect(names()).not.toContain("Rude Name");
    socket.close();
  }, 30_000);

  const GAMES: [string, string][] = [
    ["ids-investment-3.json", "myopic"],
    ["ids-pivotal-full-4.json", "truthful"],
    ["ids-externality-4.json", "equilibrium"],
    ["ssg-defense-recommendation.json", "follower"],
    ["cip-contracts-menu-4.json", "truthful"],
  ];
  it.each(GAMES)("%s with bots: every pushed view is on the whitelist, nothing private on the way to the debrief", async (file, bot) => {
    const t = JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as Record<string, unknown>;
    const lt = loadTreatment(t, games);
    if (!lt.ok) throw new Error(lt.errors.join("; "));
    // (how many views arrive during play depends on timing; the engine's view mid-session of every game: lib/engine/projector-view.test.ts)
    const s = await lab.createSession({ ...t, bots: { seats: Array.from({ length: lt.value.seats }, () => bot), delayMs: 0 } });
    const { socket, pushed } = await watchProjector(s.id);
    await expect.poll(() => pushed.at(-1)?.view.stage, { timeout: 30_000 }).toBe("after");
    await expect.poll(() => pushed.at(-1)?.view.charts.find((c) => c.kind === "rounds")?.series[0]?.points.length, { timeout: 10_000 }).toBe(lt.value.rounds);
    for (const { view } of pushed) {
      expect(keysOffWhitelist(view), `${view.stage}: keys off the whitelist`).toEqual([]);
      expect(view.gameId).toBe(lt.value.game.id);
      if (view.stage !== "after") expect(view.charts.filter((c) => c.byPrivateType).map((c) => c.id), "charts by private type before the end").toEqual([]);
      for (const c of view.charts) for (const p of c.series.flatMap((x) => x.points)) if ((p.n ?? 0) < ROOM_MIN_SPREAD) expect(p, `${c.id}: a band over ${p.n} values`).not.toHaveProperty("lo");
      for (const r of view.leaderboard ?? []) expect(Object.keys(r).sort()).toEqual(["bot", "botRounds", "label", "points", "rank", "timeouts"]);
    }
    const host = (await lab.app.manager.get(s.id))!;
    const json = JSON.stringify(pushed);
    for (const p of host.state.participants.toArray()) {
      expect(json).not.toContain(p.completionCode);
      expect(json).not.toContain(p.id);
    }
    for (const token of s.tokens) expect(json).not.toContain(token);
    expect(json).not.toContain(String(t.name));
    socket.close();
  }, 60_000);
});
