import type { Metadata } from "next";
import { AdminGate } from "../../../../components/admin/AdminGate";
import { Projector } from "../../../../components/projector/Projector";
import { pathParam } from "../../../../lib-client/path-param";

export const metadata: Metadata = { title: "mechlab — projector", robots: { index: false } };

/** The room's screen for one session: QR code and join URL, live charts, leaderboard, debrief. */
export default async function ProjectorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <main className="projector">
      <AdminGate logout={false}>
        <Projector id={pathParam(id)} />
      </AdminGate>
    </main>
  );
}
