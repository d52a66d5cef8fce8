"use client";
/** /join's heading and form (or a panel link's automatic join), in the room's language. */
import Link from "next/link";
import { useTranslations } from "use-intl";
import { BrowserLanguage } from "../i18n/BrowserLanguage";
import { JoinForm } from "./JoinForm";
import { PanelJoin } from "./PanelJoin";

export function JoinPageBody({ code, query }: { code: string; query: Record<string, string> }) {
  return (
    <BrowserLanguage roomCode={code || undefined}>
      <JoinPageText code={code} query={query} />
    </BrowserLanguage>
  );
}

function JoinPageText({ code, query }: { code: string; query: Record<string, string> }) {
  const t = useTranslations("join");
  const panel = code !== "" && Object.keys(query).length > 0;
  return (
    <main className="page">
      <h1>{t("heading")}</h1>
      <section className="card">{panel ? <PanelJoin code={code} query={query} /> : <JoinForm initialCode={code} />}</section>
      <p className="muted small">
        <Link href="/">{t("whatIsMechlab")}</Link>
      </p>
    </main>
  );
}
