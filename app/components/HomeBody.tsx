"use client";
/**
 * The landing page's text in the browser's language: what mechlab is, the "Join a session" card and
 * the way to the experimenter's pages.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import { BrowserLanguage } from "../i18n/BrowserLanguage";
import { JoinForm } from "./JoinForm";

export function HomeBody() {
  return (
    <BrowserLanguage>
      <HomeText />
    </BrowserLanguage>
  );
}

function HomeText() {
  const t = useTranslations("join");
  return (
    <>
      <p data-testid="home-intro">{t("mechlabIntro")}</p>
      <section className="card" aria-labelledby="join-heading">
        <h2 id="join-heading" style={{ marginTop: 0 }}>
          {t("heading")}
        </h2>
        <p className="muted small">{t("intro")}</p>
        <JoinForm />
      </section>
      <p className="muted" data-testid="home-experimenter">
        {t.rich("experimenterLogin", { login: (chunks: ReactNode) => <Link href="/admin">{chunks}</Link> })}
      </p>
    </>
  );
}
