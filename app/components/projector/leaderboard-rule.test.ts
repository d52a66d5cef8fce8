/**
 * The room's leaderboard with the treatment's `leaderboard.minOwnRounds` (instructor review C5): the board
 * states the rule, the ranked people have their places, and a seat whose rounds were decided by default or a
 * bot follows them without a place ("–", "not ranked"), with its points and the rounds' note. Rendered with
 * the real catalogues (English, German); the same component shows the board during play and after.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import { describe, expect, it } from "vitest";
import { catalogues } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";
import type { LeaderboardRow } from "@/lib/engine/projector-view";
import { Leaderboard } from "./Leaderboard";

function render(locale: Locale, rows: LeaderboardRow[], minOwnRounds: number | null): string {
  const onError = (e: Error) => {
    throw e; // a missing or broken message fails the test
  };
  const el = createElement(Leaderboard, { rows, afterRound: null, minOwnRounds });
  return renderToStaticMarkup(createElement(IntlProvider, { locale, messages: catalogues[locale], timeZone: "UTC", onError, children: el }));
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const rows: LeaderboardRow[] = [
  { rank: 1, label: "Anna", bot: false, points: 60, timeouts: 1, botRounds: 0 },
  { rank: 2, label: "Ben", bot: false, points: 40, timeouts: 0, botRounds: 0 },
  { rank: null, label: "Quiet", bot: false, points: 100, timeouts: 8, botRounds: 0 },
];

describe("leaderboard with minOwnRounds", () => {
  it("English: the rule, places for the ranked, '–' and 'not ranked' for the seat of defaults, with its points", () => {
    const html = render("en", rows, 5);
    expect(text(html)).toContain("Ranked: people who decided at least 5 rounds themselves");
    expect(html).toContain('data-testid="leaderboard-rule"');
    expect(html.match(/data-ranked="false"/g)).toHaveLength(1);
    expect(text(html)).toMatch(/– Quiet 100 not ranked · 8 rounds decided by default/);
    expect(text(html)).toMatch(/1 Anna 60 1 round decided by default/);
  });

  it("German: the same in German", () => {
    const t = text(render("de", rows, 1));
    expect(t).toContain("In der Rangliste: wer mindestens 1 Runde selbst entschieden hat");
    expect(t).toMatch(/– Quiet 100 ohne Platz · 8 Runden mit Standardwahl/);
  });

  it("without the rule: no rule line, nobody marked", () => {
    const html = render("en", rows.slice(0, 2), null);
    expect(html).not.toContain("leaderboard-rule");
    expect(html).not.toContain("not ranked");
  });
});
