import { describe, expect, it } from "vitest";
import { formatZodError } from "../core/zod-format";
import { SERVER_ACTION_ID_PREFIX } from "../engine/commands";
import { ActionEnvelope } from "./payloads";

const at = { round: 2, phase: "decide", phaseSeq: 3 };

describe("a participant's clientActionId", () => {
  it("may not take the form of the server's own ids (its bots' moves), in any case", () => {
    expect(SERVER_ACTION_ID_PREFIX).toBe("bot:");
    for (const id of ["bot:g1:3:p3:0", "BOT:g1:3:p3:0", "Bot:anything-else"]) {
      const r = ActionEnvelope.safeParse({ clientActionId: id, action: {}, at });
      expect(r.success, id).toBe(false);
      if (!r.success) expect(formatZodError(r.error).join("; ")).toMatch(/ids starting with "bot:" are the server's own \(its bots' moves\); use another, e\.g\. a UUID/);
      if (!r.success) expect(formatZodError(r.error).join("; ")).not.toMatch(/clientActionId: clientActionId/); // the field is named once
    }
  });

  it("may still be a UUID or contain bot elsewhere", () => {
    for (const id of ["0b6f3c1e-8d2a-4c41-9a7e-1f2d3c4b5a69", "robot:1234", "bot-12345678", "bot.1234:5", "a-bot:1234"])
      expect(ActionEnvelope.safeParse({ clientActionId: id, action: {}, at }).success, id).toBe(true);
  });
});
