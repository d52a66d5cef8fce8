/**
 * The landing page is where participants type a room code (and where a room's QR code and a study's
 * "What is mechlab?" link lead), before any consent: its words must not prime them — no research topic,
 * no word that co-players may be bots (fresh-clone review A1: it said "games about investing in security
 * … bots for empty seats").
 */
import { describe, expect, it } from "vitest";
import de from "../../lib/i18n/messages/de.json";
import en from "../../lib/i18n/messages/en.json";

describe("the landing page's text participants read before the consent", () => {
  it.each([
    ["en", en.join],
    ["de", de.join],
  ] as const)("%s: names no topic of the games and no bots", (_lang, join) => {
    for (const text of [join.mechlabIntro, join.heading, join.intro]) {
      expect(text).not.toMatch(/bot|security|Sicherheit|invest|mechanism|Mechanism|infrastructure|Infrastruktur|defend|Verteidig|attack|Angriff/i);
    }
  });
});
