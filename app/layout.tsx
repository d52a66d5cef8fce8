import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "mechlab",
  description: "Multiplayer economic experiments with real people, in the browser.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Root layout: no external fonts, scripts or stylesheets (the platform runs offline). */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
