/**
 * The monitor's personal links name each seat's person (instructor review C6: a student "Bo" lost their tab,
 * and the instructor had to look up Bo's seat first), and each link can be shown as a QR code.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { qrDataUrl } from "../../lib-client/qr";
import { ParticipantLinks } from "./ParticipantLinks";

const links = [
  { seat: 0, participantId: "p1", path: "/p/tok-ann" },
  { seat: 1, participantId: "p2", path: "/p/tok-bo" },
  { seat: 2, participantId: "p3", path: "/p/tok-free" },
];

/** Each row's cells as text. */
function rows(html: string): string[][] {
  const body = html.slice(html.indexOf("<tbody>"));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()));
}

describe("personal participant links on the monitor", () => {
  it("each seat's row names the person who joined under a label, next to the seat's link", () => {
    const html = renderToStaticMarkup(createElement(ParticipantLinks, { sessionId: "s1", links, freeSeats: "p3", labels: { p1: "Ann", p2: "Bo", p3: null } }));
    const r = rows(html);
    expect(r.map((c) => c.slice(0, 3))).toEqual([
      ["1", "Ann", "/p/tok-ann"],
      ["2", "Bo", "/p/tok-bo"],
      ["3", "–", "/p/tok-free"],
    ]);
    expect(html).toContain('data-testid="link-label-1"');
  });

  it("each seat's link has a QR code button", () => {
    const html = renderToStaticMarkup(createElement(ParticipantLinks, { sessionId: "s1", links, freeSeats: "", labels: {} }));
    for (const seat of [0, 1, 2]) expect(html).toContain(`data-testid="qr-link-${seat}"`);
    expect(rows(html)[1]![3]).toContain("QR code");
  });

  it("the QR code is an SVG image of the link (the room's screen draws its join link the same way)", async () => {
    const url = await qrDataUrl("https://lab.example/p/tok-bo");
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toMatch(/^<svg[^>]*viewBox/);
  });
});
