import { headers } from "next/headers";
import { networkInterfaces } from "node:os";
import type { ReactNode } from "react";
import { joinSettings, LOCAL_REQUEST_HEADER } from "@/lib/protocol/join-address";
import { JoinSettingsProvider } from "../../../lib-client/join-address";

/**
 * The session's pages (monitor and projector) build the join link and QR code: they learn here, from the
 * server's environment, MECHLAB_PUBLIC_URL and, when the page was requested on localhost (which phones
 * cannot open), this machine's LAN addresses to suggest instead (lib/protocol/join-address.ts).
 */
export default async function SessionLayout({ children }: { children: ReactNode }) {
  const h = await headers();
  // the LAN addresses only for a page opened on this machine (the server marks such requests)
  const settings = joinSettings(process.env, h.get("host"), networkInterfaces(), h.get(LOCAL_REQUEST_HEADER) === "1");
  return <JoinSettingsProvider settings={settings}>{children}</JoinSettingsProvider>;
}
