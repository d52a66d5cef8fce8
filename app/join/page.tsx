import { JoinPageBody } from "../components/JoinPageBody";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * /join?code=ABCDE: the join form with the room code filled in (the link the experimenter shares).
 * With an online panel's ids (/join?code=ABCDE&PROLIFIC_PID=…) the seat is taken without a label.
 */
export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const code = (first(sp.code) ?? "").slice(0, 12).toUpperCase();
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(sp)) {
    const value = first(v);
    if (k !== "code" && value !== undefined && Object.keys(query).length < 30) query[k.slice(0, 60)] = value.slice(0, 200);
  }
  return <JoinPageBody code={code} query={query} />;
}
