import type { Metadata } from "next";
import { AdminGate } from "../components/admin/AdminGate";
import { NewSession } from "../components/admin/NewSession";
import { SessionList } from "../components/admin/SessionList";

export const metadata: Metadata = { title: "mechlab — experimenter", robots: { index: false } };

/** The experimenter's home: login, sessions, and creating a session from a treatment. */
export default function AdminPage() {
  return (
    <main className="page wide">
      <AdminGate>
        <h1>Sessions</h1>
        <section className="card">
          <SessionList />
        </section>
        <NewSession />
      </AdminGate>
    </main>
  );
}
