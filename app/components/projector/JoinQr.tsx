"use client";
/** The join URL as a QR code (app/components/QrCode.tsx). */
import { useTranslations } from "use-intl";
import { QrCode } from "../QrCode";

export function JoinQr({ url }: { url: string }) {
  const t = useTranslations("projector");
  return <QrCode text={url} alt={t("qrAlt", { url })} testId="join-qr" />;
}
