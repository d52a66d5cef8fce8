import { HomeBody } from "./components/HomeBody";

/** Landing page: what mechlab is, the join form, and the way to the experimenter's pages (in the browser's language). */
export default function Home() {
  return (
    <main className="page">
      <h1>mechlab</h1>
      <HomeBody />
    </main>
  );
}
