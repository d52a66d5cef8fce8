/**
 * An intro step the server cannot read (an unknown step, more than 100 quiz answers: only a broken or
 * foreign page sends them) is refused with a worded message the participant's page can translate,
 * not zod's raw text, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../testing/harness";
import { idsTreatment, openLab, type Lab } from "../testing/lab";

describe("unreadable intro steps", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());

  it("an unknown step or too many quiz answers gets a translatable refusal", async () => {
    const s = await lab.createSession(idsTreatment());
    await api(lab.base, `/api/admin/sessions/${s.id}/command`, { body: { kind: "open" }, cookie: lab.cookie });
    const p = lab.join(s.tokens[0]!);
    try {
      await p.until((v) => v.stage === "intro", 5000);
      for (const req of [{ step: "dance" }, { step: "__proto__" }, { step: "quiz", answers: Array<number>(101).fill(0) }, { step: "quiz", answers: [-1] }, null]) {
        const ack = await p.socket.emitWithAck("p:intro", req as never);
        expect(ack, JSON.stringify(req)).toEqual({
          ok: false,
          error: {
            code: "action/invalid_payload",
            message: "This step could not be read, so nothing was recorded. Please reload the page and try again.",
            wording: { key: "introUnreadable" },
          },
        });
      }
      // nothing changed: the consent step is still open and is taken as usual
      expect(await p.socket.emitWithAck("p:intro", { step: "consent" })).toMatchObject({ ok: true });
    } finally {
      p.close();
    }
  }, 60_000);

  it("an admin event on a participant's connection is refused in its answer; a name no page sends (a typo) is answered, then the socket closed", async () => {
    const s = await lab.createSession(idsTreatment());
    const p = lab.join(s.tokens[0]!);
    try {
      await p.until(() => true, 5000);
      const raw = p.socket as unknown as { timeout(ms: number): { emitWithAck(ev: string, ...a: unknown[]): Promise<unknown> } };
      for (const event of ["admin:watch", "projector:watch"]) {
        const ack = await raw.timeout(3000).emitWithAck(event, { sessionId: s.id });
        expect(ack, event).toEqual({ ok: false, error: { code: "auth/not_allowed", message: `This connection cannot send "${event}".` } });
      }
      // and the connection goes on working
      expect(await p.socket.emitWithAck("p:sync", {})).toMatchObject({ ok: true });
      // no mechlab page sends this name: only a script does (server/realtime/unknown-events.test.ts)
      const closed = new Promise<string>((r) => p.socket.once("disconnect", (reason) => r(reason)));
      expect(await raw.timeout(3000).emitWithAck("p:actoin", {})).toEqual({ ok: false, error: { code: "auth/not_allowed", message: `This connection cannot send "p:actoin".` } });
      expect(await closed).toBe("io server disconnect");
    } finally {
      p.close();
    }
  }, 60_000);
});
