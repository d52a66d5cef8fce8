/**
 * The monitor's live pushes carry each group's count of completed rounds but not their rows; the group's
 * table asks for them over HTTP when it is opened (app/components/admin/GroupPanel.tsx). Only an admin may.
 */
import { io as ioc, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminMessage } from "../../lib/protocol/events";
import { idsTreatment, openLab, playIdsToTheEnd, type Lab } from "../testing/lab";
import { api } from "../testing/harness";

describe("monitor group history", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());

  it("is left out of the pushes and served per group on request", async () => {
    const s = await lab.createSession(idsTreatment({ bots: { seats: ["socialOptimum", "socialOptimum"], delayMs: 0 } }));
    const socket: Socket = ioc(lab.base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie: lab.cookie }, forceNew: true, reconnection: false });
    const pushed: AdminMessage[] = [];
    socket.on("admin:view", (m: AdminMessage) => pushed.push(m));
    const first = (await socket.timeout(5000).emitWithAck("admin:watch", { sessionId: s.id })) as { ok: true; data: AdminMessage };
    expect(first.ok).toBe(true);
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const human = lab.join(s.tokens[2]!);
    await human.passIntro();
    await playIdsToTheEnd(human, 2);
    await expect.poll(() => pushed.at(-1)?.view.groups[0]?.historyRounds, { timeout: 5000 }).toBe(2);
    for (const m of pushed) for (const g of m.view.groups) expect(g.history).toEqual([]);
    const gid = pushed.at(-1)!.view.groups[0]!.id;
    socket.close();

    const rows = await api(lab.base, `/api/admin/sessions/${s.id}/groups/${encodeURIComponent(gid)}/history`, { cookie: lab.cookie });
    expect(rows.status).toBe(200);
    expect(rows.json.history.map((h: { round: number }) => h.round)).toEqual([1, 2]);
    // the same rows as the session's detail (which still carries every group's)
    const detail = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    expect(rows.json.history).toEqual(detail.json.view.groups[0].history);
    for (const bad of ["nope", "__proto__", "constructor", "%E0%A4%A"]) {
      const r = await api(lab.base, `/api/admin/sessions/${s.id}/groups/${bad}/history`, { cookie: lab.cookie });
      expect([400, 404]).toContain(r.status);
      expect(r.json.ok).toBe(false);
    }
    expect((await api(lab.base, `/api/admin/sessions/${s.id}/groups/${encodeURIComponent(gid)}/history`)).status).toBe(401);
  });
});
