import { describe, expect, it } from "vitest";
import { chosenSessionsQuery, MAX_SESSION_IDS_CHARS } from "./study-links";

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

describe("study-export links of chosen sessions", () => {
  it("name the sessions in the link while it stays short enough for a server's request-line limit", () => {
    const ids = Array.from({ length: 150 }, (_, i) => uuid(i));
    const r = chosenSessionsQuery(ids);
    expect(r.ok).toBe(true);
    if (r.ok) expect(decodeURIComponent(r.query.slice("sessions=".length)).split(",")).toEqual(ids);
  });

  it("say what to do instead of a link the server would refuse", () => {
    const ids = Array.from({ length: 400 }, (_, i) => uuid(i));
    const r = chosenSessionsQuery(ids);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^400 sessions are too many for one download link: export every session of their treatment below, or choose at most \d+ at a time\.$/);
      const fit = Number(/at most (\d+)/.exec(r.message)![1]);
      expect(chosenSessionsQuery(ids.slice(0, fit)).ok).toBe(true);
      expect(encodeURIComponent(ids.slice(0, fit).join(",")).length).toBeLessThanOrEqual(MAX_SESSION_IDS_CHARS);
    }
  });
});
