"use client";
/** The join URL as a QR code (the qrcode package, drawn as SVG into an <img>: CSP allows data: images). */
import { useEffect, useState } from "react";
import QRCode from "qrcode";
import { useTranslations } from "use-intl";

export function JoinQr({ url }: { url: string }) {
  const t = useTranslations("projector");
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }).then((svg) => {
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [url]);
  if (!src) return <div className="qr" aria-busy="true" />;
  // eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser
  return <img className="qr" src={src} alt={t("qrAlt", { url })} data-testid="join-qr" data-qr-text={url} />;
}
