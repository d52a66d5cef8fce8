import { describe, expect, it } from "vitest";
import { NO_ANSWER, SEND_ATTEMPTS, sendWithResend, type ClientAck } from "./ack";

const noAnswer: ClientAck<number> = { ok: false, error: NO_ANSWER };

describe("sendWithResend", () => {
  it("sends again while no answer comes, and returns the first answer", async () => {
    const answers: ClientAck<number>[] = [noAnswer, noAnswer, { ok: true, data: 7 }];
    let sends = 0;
    const r = await sendWithResend(async () => answers[sends++]!);
    expect(sends).toBe(3);
    expect(r).toEqual({ ok: true, data: 7 });
  });

  it("stops at a refusal: only a missing answer is sent again", async () => {
    let sends = 0;
    const r = await sendWithResend<number>(async () => (sends++, { ok: false, error: { code: "action/stale_phase", message: "too late" } }));
    expect(sends).toBe(1);
    expect(!r.ok && r.error.code).toBe("action/stale_phase");
  });

  it("gives up after its attempts and asks the person to press again", async () => {
    let sends = 0;
    const r = await sendWithResend(async () => (sends++, noAnswer));
    expect(sends).toBe(SEND_ATTEMPTS);
    expect(!r.ok && r.error.code).toBe(NO_ANSWER.code);
  });
});
