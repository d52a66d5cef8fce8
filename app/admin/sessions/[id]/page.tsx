import type { Metadata } from "next";
import { AdminGate } from "../../../components/admin/AdminGate";
import { SessionMonitor } from "../../../components/admin/SessionMonitor";
import { pathParam } from "../../../lib-client/path-param";

export const metadata: Metadata = { title: "mechlab — session monitor", robots: { index: false } };

/** Live monitor and controls for one session. */
export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <main className="page wide">
      <AdminGate>
        <SessionMonitor id={pathParam(id)} />
      </AdminGate>
    </main>
  );
}
