import Link from "next/link";
import { JoinForm } from "../components/JoinForm";

/** /join?code=ABCDE: the join form with the room code filled in (the link the experimenter shares). */
export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const raw = sp.code;
  const code = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  return (
    <main className="page">
      <h1>Join a session</h1>
      <section className="card">
        <JoinForm initialCode={code.slice(0, 12).toUpperCase()} />
      </section>
      <p className="muted small">
        <Link href="/">What is mechlab?</Link>
      </p>
    </main>
  );
}
