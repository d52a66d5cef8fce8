"use client";
/** On the room's screen, when the join link is on localhost (phones cannot open it): where to open this page instead. */
import { useTranslations } from "use-intl";
import type { JoinAddress } from "@/lib/protocol/join-address";
import type { Locale } from "@/lib/i18n/locales";

export function JoinWarning({ warning, locale }: { warning: NonNullable<JoinAddress["warning"]>; locale: Locale }) {
  const t = useTranslations("projector");
  const addresses = new Intl.ListFormat(locale, { type: "disjunction" }).format(warning.pageUrls);
  return (
    <p className="notice" role="alert" data-testid="projector-join-warning" style={{ fontSize: "1.2rem", overflowWrap: "anywhere" }}>
      {warning.pageUrls.length > 0 ? t("localhostWarning", { host: warning.host, addresses }) : t("localhostWarningNoAddress", { host: warning.host })}
    </p>
  );
}
