import type { IdsView } from "@/lib/games/ids-investment/views";
import { fmt } from "../../lib-client/format";

/** The participant's own private parameters (nobody else sees them). */
export function IdsParameters({ v }: { v: IdsView }) {
  const { me } = v;
  return (
    <section className="card" aria-labelledby="ids-params">
      <h3 id="ids-params" style={{ marginTop: 0 }}>
        Your situation (you are user {me.index + 1})
      </h3>
      <dl className="kv">
        <dt>Possible loss α</dt>
        <dd data-testid="param-alpha">{fmt(me.alpha)}</dd>
        <dt>Cost per unit invested c</dt>
        <dd data-testid="param-c">{fmt(me.c)}</dd>
        {me.q > 0 && (
          <>
            <dt>Extra cost q (× x²/2)</dt>
            <dd data-testid="param-q">{fmt(me.q)}</dd>
          </>
        )}
        <dt>How well your own investment protects you (W)</dt>
        <dd data-testid="param-own-weight">{fmt(me.ownWeight)}</dd>
        <dt>Investment range</dt>
        <dd>0 to {fmt(v.xMax)}</dd>
      </dl>
      {me.othersWeights.length > 0 && (
        <>
          <p className="small muted" style={{ marginBottom: 4 }}>
            How much each other user&apos;s investment protects you:
          </p>
          <ul className="small" style={{ marginTop: 0 }}>
            {me.othersWeights.map((o) => (
              <li key={o.member}>
                User {o.member + 1}: {fmt(o.weight)} per unit
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
