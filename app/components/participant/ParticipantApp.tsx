"use client";
/**
 * The participant's whole experience on one URL (/p/<token>), driven by the server's view:
 * intro → waiting → playing → survey (when the treatment has one) → done. Reloading or reconnecting resyncs to the same screen.
 * Everything is in the treatment's language (ParticipantIntl); until the first view arrives, in the
 * language this link last showed, else the browser's.
 */
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { Locale } from "@/lib/i18n/locales";
import { isLocale } from "@/lib/i18n/locales";
import { useParticipant } from "../../lib-client/use-participant";
import { setDisplayDecimals } from "../../lib-client/format";
import { preferredLocale } from "../../i18n/browser-locale";
import { ParticipantIntl } from "../../i18n/ParticipantIntl";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { FinalPage } from "./FinalPage";
import { IntroSteps } from "./IntroSteps";
import { PlayScreen } from "./PlayScreen";
import { SurveyPage } from "./survey/SurveyPage";
import { WaitingRoom } from "./WaitingRoom";

const LANGUAGE_MEMORY = "mechlab:language:";

export function ParticipantApp({ token }: { token: string }) {
  const connection = useParticipant(token);
  const [guess, setGuess] = useState<Locale>("en");
  const language = connection.view?.language;
  useEffect(() => {
    if (language) {
      try {
        localStorage.setItem(LANGUAGE_MEMORY + token, language);
      } catch {
        /* private mode: nothing to remember */
      }
      return;
    }
    let remembered: string | null = null;
    try {
      remembered = localStorage.getItem(LANGUAGE_MEMORY + token);
    } catch {
      remembered = null;
    }
    setGuess(isLocale(remembered) ? remembered : preferredLocale(navigator.languages));
  }, [language, token]);
  return (
    <ParticipantIntl locale={language ?? guess}>
      <ParticipantScreens connection={connection} />
    </ParticipantIntl>
  );
}

function ParticipantScreens({ connection: { view, receivedAt, connection, fatal, intro, act, survey } }: { connection: ReturnType<typeof useParticipant> }) {
  const t = useTranslations("participant");
  const refusalText = useRefusalText();
  const title = view?.title ?? t("defaultTitle");
  // before any child renders a number: the treatment's decimals apply to this page
  setDisplayDecimals(view?.decimals ?? null);
  useEffect(() => {
    document.title = title;
  }, [title]);

  if (fatal)
    return (
      <main className="page">
        <h1>{title}</h1>
        <p className="error" role="alert" data-testid="link-error">
          {refusalText(fatal)}
        </p>
      </main>
    );

  return (
    <>
      {connection === "reconnecting" && (
        <div className="banner warn" role="status" data-testid="reconnecting">
          {t("reconnecting")}
        </div>
      )}
      {view?.status === "paused" && (
        <div className="banner warn" role="status" data-testid="paused-banner">
          {t("paused")}
        </div>
      )}
      {view?.botPlaying && view.stage === "playing" && (
        <div className="banner info" role="status" data-testid="bot-banner">
          {t("botPlaying")}
        </div>
      )}
      <main className="page">
        <header className="spread">
          <h1 className="wrap-anywhere" style={{ fontSize: "1.2rem", margin: "4px 0" }} data-testid="participant-title">
            {title}
          </h1>
          {view && (
            <span className="muted small wrap-anywhere" data-testid="my-seat">
              {view.label ? t("labelAndSeat", { label: view.label, seat: view.seat + 1 }) : t("seat", { seat: view.seat + 1 })}
            </span>
          )}
        </header>
        {!view ? (
          <p className="card" role="status" data-testid="connecting">
            {t("connecting")}
          </p>
        ) : view.status === "draft" ? (
          <p className="card" role="status" data-testid="not-open">
            {t("notOpen")}
          </p>
        ) : view.stage === "new" || view.stage === "intro" ? (
          <IntroSteps view={view} intro={intro} />
        ) : view.stage === "waiting" ? (
          <WaitingRoom view={view} />
        ) : view.stage === "playing" ? (
          <PlayScreen view={view} receivedAt={receivedAt} act={act} />
        ) : view.stage === "survey" ? (
          <SurveyPage view={view} send={survey} />
        ) : (
          <FinalPage view={view} />
        )}
      </main>
    </>
  );
}
