/**
 * A latecomer who took over a seat a bot played (join.takeOverBots): their first decision screen does not say
 * "Last round you invested …" of the bot's choice, and it says how many rounds the bot played before them,
 * whose points are in their total (instructor review C4). Rendered with the real catalogues (English, German)
 * from the engine's own participant view.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import { describe, expect, it } from "vitest";
import { catalogues } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";
import { must, passIntro, newSession, runBots } from "@/lib/testing/drive";
import { THREE_SEAT_PARAMS, threeSeatTreatment } from "@/lib/testing/three-seats";
import { loadGame } from "@/lib/games/ids-mechanisms-common/testing";
import { participantView, type ParticipantView } from "@/lib/engine/views";
import { fmt, setDisplayLocale } from "../../lib-client/format";
import { PlayScreen } from "./PlayScreen";

function render(el: ReactElement, locale: Locale): string {
  setDisplayLocale(locale);
  const onError = (e: Error) => {
    throw e; // a missing or broken message fails the test
  };
  const html = renderToStaticMarkup(createElement(IntlProvider, { locale, messages: catalogues[locale], timeZone: "UTC", onError, children: el }));
  setDisplayLocale("en");
  return html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");
}

const screen = (view: ParticipantView, locale: Locale = "en") => render(createElement(PlayScreen, { view, receivedAt: 0, act: async () => ({ ok: true }) as never }), locale);

const T0 = 1_000_000;

/** Ann plays seat 1; seats 2 and 3 were filled with bots; Bo takes seat 2 over and reads while its bot plays round 1. */
function latecomerInRound2(language: Locale = "en") {
  const lt = threeSeatTreatment({ params: { ...THREE_SEAT_PARAMS, rounds: 3 }, language });
  let s = must(newSession(lt, "test", T0).state, lt, { kind: "claim", label: "Ann" }, T0);
  s = passIntro(s, lt, T0, ["p1"]);
  s = must(s, lt, { kind: "fillWithBots" }, T0 + 1);
  s = must(s, lt, { kind: "claim", label: "Bo" }, T0 + 2);
  s = must(s, lt, { kind: "connect", pid: "p2" }, T0 + 3);
  s = must(s, lt, { kind: "action", pid: "p1", clientActionId: "a1", action: { type: "invest", x: 1 } }, T0 + 4);
  const r = runBots(s, lt, T0 + 5, { until: (x) => x.groups.toArray()[0]!.round === 2 });
  s = must(r.state, lt, { kind: "consent", pid: "p2" }, r.nowMs + 1);
  s = must(s, lt, { kind: "instructions", pid: "p2" }, r.nowMs + 2);
  const bot = s.participants.get("p2")!.history[0]!;
  return { bo: participantView(s, lt, "p2", r.nowMs + 3)!, ann: participantView(s, lt, "p1", r.nowMs + 3)!, x: bot.decision.x as number, points: bot.payoff };
}

describe("a latecomer's first decision after taking over a bot's seat", () => {
  it("says the bot played the seat last round (not 'you invested'), and the bot's rounds in their total", () => {
    const { bo, x, points } = latecomerInRound2();
    expect(bo.play?.phase).toBe("decide");
    const text = screen(bo);
    expect(text).toContain(`A bot played your seat last round: it invested ${fmt(x)} and earned ${fmt(points, 1)} points.`);
    expect(text).not.toContain("Last round you invested");
    expect(text).toContain(`Before you took this seat over, a bot played its first round: the ${fmt(points, 1)} points it earned count in your total.`);
  });

  it("in German too", () => {
    const { bo } = latecomerInRound2("de");
    const text = screen(bo, "de");
    expect(text).toContain("In der letzten Runde hat ein Bot auf Ihrem Platz gespielt: Er hat");
    expect(text).not.toContain("In der letzten Runde haben Sie");
    expect(text).toContain("Bevor Sie diesen Platz übernommen haben, hat ein Bot seine erste Runde gespielt");
  });

  it("someone who played the round themselves reads 'Last round you invested', nothing about a bot", () => {
    const { ann } = latecomerInRound2();
    const text = screen(ann);
    expect(text).toContain("Last round you invested 1 and earned");
    expect(text).not.toMatch(/a bot/i);
  });
});

describe("the pivotal mechanism's choice to join: last round as a bot played it", () => {
  it("a seat a bot played last round reads 'A bot played your seat last round', not 'Last round you …'", () => {
    const lt = loadGame(
      "ids-pivotal",
      { alpha: [10, 10, 10], W: [[1, 0.5, 0.5], [0.5, 1, 0.5], [0.5, 0.5, 1]], c: [1, 1.2, 1.5], rounds: 3, participation: "choice" },
      { bots: { seats: ["truthful", "stayOut", "misreport"], delayMs: 0 } },
    );
    const r = runBots(newSession(lt, "piv").state, lt, 0, { until: (x) => x.groups.toArray()[0]?.round === 2 });
    const v = participantView(r.state, lt, "p2", r.nowMs)!;
    expect(v.play?.phase).toBe("participate");
    expect((v.play!.game as { last: { bot: boolean } }).last.bot).toBe(true);
    const text = screen(v);
    expect(text).toContain("A bot played your seat last round: it stayed out and earned");
    expect(text).not.toContain("Last round you");
    expect(screen({ ...v, language: "de" }, "de")).toContain("In der letzten Runde hat ein Bot auf Ihrem Platz gespielt: Er ist draußen geblieben");
  });
});
