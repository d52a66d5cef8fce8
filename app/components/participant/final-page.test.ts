/**
 * The final page and the play screen's bot notice as a participant reads them, rendered with the real
 * catalogues (English and German): "You have finished" only for a finished seat, the experimenter's early
 * end with its round, the rounds a bot played and the points that are paid, and why a bot chose (review A3–A5).
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import { describe, expect, it } from "vitest";
import { catalogues } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";
import type { ParticipantView, PlayView } from "@/lib/engine/views";
import { setDisplayLocale } from "../../lib-client/format";
import { FinalPage } from "./FinalPage";
import { PlayScreen } from "./PlayScreen";

type Done = NonNullable<ParticipantView["done"]>;

const baseDone: Done = {
  totalPoints: 218.56,
  payout: 3.69,
  currency: "USD",
  completionCode: "ABCD1234",
  redirectUrl: null,
  endedBeforePlay: false,
  waitedOut: false,
  finished: true,
  rounds: 3,
  roundsPlayed: 3,
  endedEarly: null,
  botRounds: 0,
  botByExperimenter: false,
  botRoundsPaid: true,
  paidPoints: 218.56,
  leftBeforePlay: null,
  botSeat: false,
};

function viewWith(done: Partial<Done>, over: Partial<ParticipantView> = {}): ParticipantView {
  return {
    sessionId: "s1",
    participantId: "p2",
    title: "Study",
    decimals: null,
    language: "en",
    seat: 1,
    gameId: "ids-investment",
    status: "ended",
    stage: "done",
    introStep: "quiz",
    label: null,
    intro: { consent: "", instructions: "", quiz: [] },
    quizAttemptsLeft: null,
    waiting: { ready: 0, needed: 3, maxMinutes: null },
    play: null,
    history: [],
    totalPoints: done.totalPoints ?? baseDone.totalPoints,
    done: { ...baseDone, ...done },
    survey: null,
    botPlaying: false,
    botBeforeYou: null,
    ...over,
  };
}

function render(el: ReactElement, locale: Locale = "en"): string {
  setDisplayLocale(locale);
  const onError = (e: Error) => {
    throw e; // a missing or broken message fails the test
  };
  const html = renderToStaticMarkup(createElement(IntlProvider, { locale, messages: catalogues[locale], timeZone: "UTC", onError, children: el }));
  setDisplayLocale("en");
  // the text a reader sees: tags dropped, entities decoded
  return html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");
}

const finalPage = (v: ParticipantView, locale: Locale = "en") => render(createElement(FinalPage, { view: v }), locale);

describe("the final page", () => {
  it("a finished seat reads 'You have finished' and one points total", () => {
    const text = finalPage(viewWith({}));
    expect(text).toContain("Thank you! You have finished.");
    expect(text).toContain("Your total points 218.6");
    expect(text).not.toMatch(/bot|Points that are paid/);
  });

  it("a dropout a bot replaced (bot rounds unpaid): not 'finished', the bot rounds and the paid points explain the payment (A3)", () => {
    const v = viewWith({ finished: false, botRounds: 2, botRoundsPaid: false, paidPoints: 81.79, payout: 2.32 });
    const text = finalPage(v);
    expect(text).not.toContain("You have finished");
    expect(text).toContain("Thank you! The game is over for you.");
    expect(text).toContain("A bot made the choices for your seat in 2 of 3 rounds.");
    expect(text).toContain("Rounds a bot played are not paid: your payment counts only the 81.8 points of the rounds you played yourself.");
    expect(text).toContain("Your points in all rounds (also those a bot played) 218.6");
    expect(text).toContain("Points that are paid 81.8");
    expect(text).toContain("Your payment 2.32 USD");
    const de = finalPage({ ...v, language: "de" }, "de");
    expect(de).toContain("Vielen Dank! Das Spiel ist für Sie zu Ende.");
    expect(de).toContain("In 2 von 3 Runden hat ein Bot die Entscheidungen für Ihren Platz getroffen.");
    expect(de).toContain("nur die 81,8 Punkte");
    expect(de).toContain("Bezahlte Punkte 81,8");
    expect(de).not.toContain("Sie sind fertig");
  });

  it("a bot seat's link opened by someone: the bot notice, no completion code or payment (en/de)", () => {
    const v = viewWith({ botSeat: true, completionCode: "", payout: 3.69 });
    const text = finalPage(v);
    expect(text).toContain("A bot played this seat: there is no completion code to hand in, and nothing is paid for it.");
    expect(text).not.toMatch(/Completion code|Your payment/);
    expect(finalPage({ ...v, language: "de" }, "de")).toContain("Auf diesem Platz hat ein Bot gespielt");
  });

  it("a person's seat is never told it was a bot's, whatever its code looks like", () => {
    const text = finalPage(viewWith({ completionCode: "" }));
    expect(text).not.toContain("A bot played this seat");
    expect(text).toContain("Your payment 3.69 USD");
  });

  it("every round played by a bot, unpaid: no 'only the 0 points'", () => {
    const text = finalPage(viewWith({ finished: false, roundsPlayed: 2, rounds: 2, botRounds: 2, botByExperimenter: true, botRoundsPaid: false, paidPoints: 0, payout: 2.5 }));
    expect(text).toContain("The experimenter had a bot take over your seat: it made the choices in 2 of 2 rounds. Rounds a bot played are not paid, so none of these points count for your payment.");
    expect(text).toContain("Points that are paid 0");
  });

  it("bot rounds that are paid: said so, one total", () => {
    const text = finalPage(viewWith({ finished: false, botRounds: 2, botByExperimenter: true }));
    expect(text).toContain("The experimenter had a bot take over your seat: it made the choices in 2 of 3 rounds. Those rounds are paid like the others.");
    expect(text).toContain("Your total points 218.6");
    expect(text).not.toContain("Points that are paid");
  });

  it("the experimenter ended the session in round 2 of 3 (A4)", () => {
    const v = viewWith({ finished: false, endedEarly: "experimenter", roundsPlayed: 1, totalPoints: 80, paidPoints: 80 });
    const text = finalPage(v);
    expect(text).not.toContain("You have finished");
    expect(text).toContain("Thank you! The session has ended.");
    expect(text).toContain("The experimenter ended the session after round 1 of 3. Your payment counts the rounds that were played.");
    expect(finalPage(viewWith({ finished: false, endedEarly: "experimenter", roundsPlayed: 0 }))).toContain(
      "The experimenter ended the session during the first of the 3 rounds, before any round was completed.",
    );
    expect(finalPage({ ...v, language: "de" }, "de")).toContain("Die Versuchsleitung hat die Sitzung nach Runde 1 von 3 beendet.");
    expect(finalPage(viewWith({ finished: false, endedEarly: "group", roundsPlayed: 2 }))).toContain("Your group's game ended early, after round 2 of 3.");
  });

  it("the existing texts stay: ended before play, waited out", () => {
    expect(finalPage(viewWith({ finished: false, endedBeforePlay: true, roundsPlayed: 0 }))).toContain("The experimenter ended the session before the game started");
    expect(finalPage(viewWith({ finished: false, waitedOut: true, roundsPlayed: 0 }))).toContain("Thank you for waiting!");
  });
});

describe("the play screen says why a bot chose (A5)", () => {
  const play = (botReason: PlayView["botReason"]): PlayView => ({
    groupId: "g1",
    round: 1,
    rounds: 3,
    phase: "results",
    phaseSeq: 2,
    phaseLabel: "Results",
    phaseKind: "info",
    remainingMs: null,
    groupSize: 3,
    pendingCount: 0,
    myTurn: false,
    endedBy: null,
    botChose: botReason !== null,
    botReason,
    role: "player",
    computing: false,
    computeFailed: false,
    game: null,
  });
  const screen = (p: PlayView, locale: Locale = "en") =>
    render(createElement(PlayScreen, { view: viewWith({}, { stage: "playing", status: "running", done: null, play: p }), receivedAt: 0, act: async () => ({ ok: true }) as never }), locale);

  it("experimenter: no 'while you were away'", () => {
    const text = screen(play("experimenter"));
    expect(text).toContain("The experimenter had a bot take over your seat, so a bot made choices for you in this round.");
    expect(text).not.toContain("away");
    expect(screen(play("experimenter"), "de")).toContain("Die Versuchsleitung hat Ihren Platz einem Bot übergeben");
  });

  it("dropout: while you were away; nobody: nothing", () => {
    expect(screen(play("dropout"))).toContain("While you were away, a bot made choices for you in this round.");
    expect(screen(play(null))).not.toMatch(/a bot/i);
  });
});
