import type { Metadata } from "next";
import { ParticipantApp } from "../../components/participant/ParticipantApp";
import { pathParam } from "../../lib-client/path-param";

export const metadata: Metadata = { title: "Study", robots: { index: false } };

/** A participant's personal link. The token identifies the seat; everything else comes over the socket. */
export default async function ParticipantPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <ParticipantApp token={pathParam(token)} />;
}
