"use client";
/** The participant's own private type, the formulas with their numbers, and the public types table. */
import { useTranslations } from "use-intl";
import { newsValues, type CipView } from "@/lib/games/cip-contracts/views";
import { fmt } from "../../lib-client/format";
import styles from "./cip.module.css";

export function CipSituation({ v }: { v: CipView }) {
  const c = useTranslations("cip");
  const { me, model, points } = v;
  const showPhi = v.types.some((t) => t.phi !== 0);
  return (
    <section className="card" aria-labelledby="cip-me">
      <h3 id="cip-me" style={{ marginTop: 0 }}>
        {c("situation", { ci: v.ci, cis: v.groupSize })}
      </h3>
      <dl className="kv">
        <dt>{c("yourType")}</dt>
        <dd data-testid="cip-my-type">{me.label !== null ? `${me.number} (${me.label})` : me.number}</dd>
        <dt>{c("vulnerability")}</dt>
        <dd>{fmt(me.theta)}</dd>
        {showPhi && (
          <>
            <dt>{c("criticality")}</dt>
            <dd>{fmt(me.phi)}</dd>
          </>
        )}
        <dt>τ = θ + φ</dt>
        <dd data-testid="cip-my-tau">{fmt(me.tau)}</dd>
        <dt>{c("minResources")}</dt>
        <dd>{fmt(me.minResources)}</dd>
        <dt>{c("ccResources")}</dt>
        <dd>{fmt(model.R)}</dd>
      </dl>
      <p className="small" style={{ margin: "8px 0 4px" }}>
        {c("utilityFormula")}{" "}
        <span className={styles.formula}>
          U = {fmt(me.tau)} × {fmt(model.a)} × r − {fmt(model.c)} × π
        </span>
      </p>
      <p className="small" style={{ margin: "4px 0" }}>
        {c("pointsFormula")}{" "}
        <span className={styles.formula}>
          {fmt(points.endowment)} + {fmt(points.scale, 4)} × U
        </span>{" "}
        {c("pointsFloor", { endowment: fmt(points.endowment) })}
      </p>
      {me.probabilities && (
        <p className="small muted" data-testid="cip-my-beliefs" style={{ margin: "4px 0" }}>
          {c("beliefs", { list: me.probabilities.map((p, k) => c("typeChance", { type: k + 1, percent: fmt(p * 100, 1) })).join("; ") })}
        </p>
      )}
      <details>
        <summary>{c("allTypes")}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{c("type")}</th>
                <th className="num">θ</th>
                {showPhi && <th className="num">φ</th>}
                <th className="num">{c("minResourcesShort")}</th>
                <th className="num">{c("rewardRate")}</th>
                <th className="num">{c("chance")}</th>
              </tr>
            </thead>
            <tbody>
              {v.types.map((t) => (
                <tr key={t.number}>
                  <td>{t.label !== null ? `${t.number} (${t.label})` : t.number}</td>
                  <td className="num">{fmt(t.theta)}</td>
                  {showPhi && <td className="num">{fmt(t.phi)}</td>}
                  <td className="num">{fmt(t.minResources)}</td>
                  <td className="num">{fmt(t.rewardRate)}</td>
                  <td className="num">{c("percent", { percent: fmt(t.probability * 100, 1) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="small muted">
          {c("modelNote")}
        </p>
      </details>
    </section>
  );
}

/** The control center's public announcements (Algorithm 1's steps), oldest first. */
export function CipNews({ v }: { v: CipView }) {
  const c = useTranslations("cip");
  if (v.news.length === 0) return null;
  return (
    <section className="card" aria-labelledby="cip-news-title">
      <h3 id="cip-news-title" style={{ marginTop: 0 }}>
        {c("controlCenter")}
      </h3>
      <ul className={`small ${styles.news}`} data-testid="cip-news" aria-live="polite">
        {v.news.map((n, i) => (
          <li key={i}>{c(`news.${n.kind}`, newsValues(n) as never)}</li>
        ))}
      </ul>
    </section>
  );
}
