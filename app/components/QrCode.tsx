"use client";
/** A text (a link) as a QR code (the qrcode package, drawn as SVG into an <img>: CSP allows data: images). */
import { useEffect, useState } from "react";
import { qrDataUrl } from "../lib-client/qr";

export function QrCode({ text, alt, className = "qr", testId }: { text: string; alt: string; className?: string; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void qrDataUrl(text).then((url) => {
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!src) return <div className={className} aria-busy="true" />;
  // eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser
  return <img className={className} src={src} alt={alt} data-testid={testId} data-qr-text={text} />;
}
