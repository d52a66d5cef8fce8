/** The participant's own private type, the formulas with their numbers, and the public types table. */
import type { CipView } from "@/lib/games/cip-contracts/views";
import { fmt } from "../../lib-client/format";
import styles from "./cip.module.css";

export function CipSituation({ v }: { v: CipView }) {
  const { me, model, points } = v;
  const showPhi = v.types.some((t) => t.phi !== 0);
  return (
    <section className="card" aria-labelledby="cip-me">
      <h3 id="cip-me" style={{ marginTop: 0 }}>
        Your CI this round (you are CI {v.ci} of {v.groupSize})
      </h3>
      <dl className="kv">
        <dt>Your type (private)</dt>
        <dd data-testid="cip-my-type">
          {me.number}
          {me.label !== `type ${me.number}` ? ` (${me.label})` : ""}
        </dd>
        <dt>Vulnerability θ</dt>
        <dd>{fmt(me.theta)}</dd>
        {showPhi && (
          <>
            <dt>Criticality φ</dt>
            <dd>{fmt(me.phi)}</dd>
          </>
        )}
        <dt>τ = θ + φ</dt>
        <dd data-testid="cip-my-tau">{fmt(me.tau)}</dd>
        <dt>Minimum resources for your type</dt>
        <dd>{fmt(me.minResources)}</dd>
        <dt>Control center&apos;s resources R</dt>
        <dd>{fmt(model.R)}</dd>
      </dl>
      <p className="small" style={{ margin: "8px 0 4px" }}>
        Your utility from a contract (r resources, reward π):{" "}
        <span className={styles.formula}>
          U = {fmt(me.tau)} × {fmt(model.a)} × r − {fmt(model.c)} × π
        </span>
      </p>
      <p className="small" style={{ margin: "4px 0" }}>
        Your points this round:{" "}
        <span className={styles.formula}>
          {fmt(points.endowment)} + {fmt(points.scale, 4)} × U
        </span>{" "}
        (never below 0; {fmt(points.endowment)} if you sign nothing).
      </p>
      {me.probabilities && (
        <p className="small muted" data-testid="cip-my-beliefs" style={{ margin: "4px 0" }}>
          The control center&apos;s estimate of your type:{" "}
          {me.probabilities.map((p, k) => `type ${k + 1}: ${fmt(p * 100, 1)} %`).join(", ")}.
        </p>
      )}
      <details>
        <summary>All types</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Type</th>
                <th className="num">θ</th>
                {showPhi && <th className="num">φ</th>}
                <th className="num">Min. resources</th>
                <th className="num">Reward rate ρ</th>
                <th className="num">Chance</th>
              </tr>
            </thead>
            <tbody>
              {v.types.map((t) => (
                <tr key={t.number}>
                  <td>
                    {t.number}
                    {t.label !== `type ${t.number}` ? ` (${t.label})` : ""}
                  </td>
                  <td className="num">{fmt(t.theta)}</td>
                  {showPhi && <td className="num">{fmt(t.phi)}</td>}
                  <td className="num">{fmt(t.minResources)}</td>
                  <td className="num">{fmt(t.rewardRate)}</td>
                  <td className="num">{fmt(t.probability * 100, 1)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="small muted">
          Contract k asks the reward π = ρ_k × r. The control center earns τ × (π − r) from a CI. This model is a reconstruction
          of a research paper&apos;s model.
        </p>
      </details>
    </section>
  );
}

/** The control center's public announcements (Algorithm 1's steps), oldest first. */
export function CipNews({ v }: { v: CipView }) {
  if (v.news.length === 0) return null;
  return (
    <section className="card" aria-labelledby="cip-news-title">
      <h3 id="cip-news-title" style={{ marginTop: 0 }}>
        Control center
      </h3>
      <ul className={`small ${styles.news}`} data-testid="cip-news" aria-live="polite">
        {v.news.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
