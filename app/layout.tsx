import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "mechlab",
  description: "Multiplayer economic experiments with real people, in the browser.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * Every page is rendered per request: the server sends a Content-Security-Policy with a fresh script nonce
 * (server/security/headers.ts) and Next can only put that nonce on its scripts when it renders the page.
 */
export const dynamic = "force-dynamic";

/** Root layout: no external fonts, scripts or stylesheets (the platform runs offline). */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
