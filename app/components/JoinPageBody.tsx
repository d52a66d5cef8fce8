"use client";
/** /join's heading and form (or a panel link's automatic join), in the room's language. */
import Link from "next/link";
import { useTranslations } from "use-intl";
import { BrowserLanguage, useRoomTitle } from "../i18n/BrowserLanguage";
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
  const title = useRoomTitle();
  return (
    <main className="page">
      {title && (
        <p className="muted" data-testid="room-title">
          {title}
        </p>
      )}
      <h1>{t("heading")}</h1>
      <section className="card">{panel ? <PanelJoin code={code} query={query} /> : <JoinForm initialCode={code} />}</section>
      {/* a study's link (a room code in it) names no platform: the page about mechlab describes the research topic */}
      {code === "" && (
        <p className="muted small">
          <Link href="/">{t("whatIsMechlab")}</Link>
        </p>
      )}
    </main>
  );
}
