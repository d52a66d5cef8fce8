import Link from "next/link";
import { JoinForm } from "./components/JoinForm";

/** Landing page: what mechlab is, the join form, and the way to the experimenter's pages. */
export default function Home() {
  return (
    <main className="page">
      <h1>mechlab</h1>
      <p>
        mechlab runs multiplayer economic experiments with real people in the browser — games about investing in
        security and the mechanisms that regulate it — with live timers, bots for empty seats and analysis-ready data.
      </p>
      <section className="card" aria-labelledby="join-heading">
        <h2 id="join-heading" style={{ marginTop: 0 }}>
          Join a session
        </h2>
        <p className="muted small">Type the room code shown by the experimenter. If you got a personal link, just open it instead.</p>
        <JoinForm />
      </section>
      <p className="muted">
        Running an experiment? <Link href="/admin">Experimenter login</Link>
      </p>
    </main>
  );
}
