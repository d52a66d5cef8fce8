/**
 * What the server remembers of the views it sent (server/realtime/view-outbox.ts, to send only views that
 * show something new) is bounded by who is connected: a participant's last view is forgotten when their
 * last socket closes, and all of a session's when the session leaves memory. Before, every participant
 * ever served stayed in the outbox with a reference to their session's host, so a server running for
 * weeks kept every session it had served in memory, idle unloading or not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idsTreatment, openLab, type Lab } from "../testing/lab";

describe("views remembered per participant", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());
  const remembered = () => lab.app.realtime.viewsRemembered();

  it("forgets a participant's last view when their last socket closes (a second tab keeps it)", async () => {
    const s = await lab.createSession(idsTreatment());
    const before = remembered();
    const [a, b, c] = s.tokens.map((t) => lab.join(t));
    for (const p of [a!, b!, c!]) await p.until((v) => v.stage === "intro");
    await expect.poll(remembered).toBe(before + 3);
    const aSecondTab = lab.join(s.tokens[0]!);
    await aSecondTab.until((v) => v.stage === "intro");
    a!.close();
    b!.close();
    await expect.poll(remembered).toBe(before + 2); // b is gone; a still has a tab open
    aSecondTab.close();
    c!.close();
    await expect.poll(remembered).toBe(before);
  });

  it("forgets every participant of a session that leaves memory, even with sockets still open", async () => {
    const s = await lab.createSession(idsTreatment());
    const before = remembered();
    const p = lab.join(s.tokens[1]!);
    await p.until((v) => v.stage === "intro");
    await expect.poll(remembered).toBe(before + 1);
    lab.app.manager.evict(s.id);
    expect(remembered()).toBe(before);
    p.close();
  });
});
