"use client";
/** The "Join a session" card of the landing page, in the browser's language. */
import { useTranslations } from "use-intl";
import { BrowserLanguage } from "../i18n/BrowserLanguage";
import { JoinForm } from "./JoinForm";

export function JoinCard() {
  return (
    <BrowserLanguage>
      <JoinCardText />
    </BrowserLanguage>
  );
}

function JoinCardText() {
  const t = useTranslations("join");
  return (
    <section className="card" aria-labelledby="join-heading">
      <h2 id="join-heading" style={{ marginTop: 0 }}>
        {t("heading")}
      </h2>
      <p className="muted small">{t("intro")}</p>
      <JoinForm />
    </section>
  );
}
