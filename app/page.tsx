import Link from "next/link";
import { JoinCard } from "./components/JoinCard";

/** Landing page: what mechlab is, the join form, and the way to the experimenter's pages. */
export default function Home() {
  return (
    <main className="page">
      <h1>mechlab</h1>
      <p>
        mechlab runs multiplayer economic experiments with real people in the browser — games about investing in
        security and the mechanisms that regulate it — with live timers, bots for empty seats and analysis-ready data.
      </p>
      <JoinCard />
      <p className="muted">
        Running an experiment? <Link href="/admin">Experimenter login</Link>
      </p>
    </main>
  );
}
