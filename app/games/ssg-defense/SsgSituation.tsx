"use client";
/** The defender's own payoffs per target (private), the attacker's (when public) and everyone's patrols. */
import { useFormatter, useTranslations } from "use-intl";
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { fmt } from "../../lib-client/format";

export function SsgSituation({ v }: { v: SsgView }) {
  const tr = useTranslations("ssg");
  const format = useFormatter();
  const others = v.resources.map((k, i) => ({ i, k })).filter((d) => d.i !== v.me.index);
  const youLabel = `${tr("youGet")} (${tr("protectedOrNot")})`;
  const attackerLabel = `${tr("attackerGets")} (${tr("protectedOrNot")})`;
  return (
    <section className="card" aria-labelledby="ssg-situation">
      <h3 id="ssg-situation" style={{ marginTop: 0 }}>
        {tr("youAreDefender", { defender: v.me.index + 1, patrols: v.me.resources })}
      </h3>
      {/* under 480 px a card per target (globals.css .payoff-cards): each number under its own label, no sideways scrolling */}
      <div className="table-wrap">
        <table className="payoff-cards" data-testid="ssg-payoffs">
          <thead>
            <tr>
              <th>{tr("target")}</th>
              <th className="num">
                {tr("youGet")}
                <div className="small">{tr("protectedOrNot")}</div>
              </th>
              {v.attacker && (
                <th className="num">
                  {tr("attackerGets")}
                  <div className="small">{tr("protectedOrNot")}</div>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {v.targets.map((name, t) => (
              <tr key={name}>
                <td>{name}</td>
                <td className="num" data-label={youLabel}>
                  <span>
                    <span data-testid={`my-reward-${t}`}>{fmt(v.me.reward[t])}</span> / <span data-testid={`my-penalty-${t}`}>{fmt(v.me.penalty[t])}</span>
                  </span>
                </td>
                {v.attacker && (
                  <td className="num" data-label={attackerLabel}>
                    <span>
                      {fmt(v.attacker.penalty[t])} / {fmt(v.attacker.reward[t])}
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">
        {tr("payoffsExplained")}
      </p>
      <p className="small muted" style={{ marginBottom: 0 }}>
        {tr("payoffsPrivate")} {v.attacker ? tr("attackerPublic") : tr("attackerHidden")}{" "}
        {tr("others", { list: format.list(others.map((d) => tr("defenderHas", { defender: d.i + 1, patrols: d.k })), { type: "conjunction" }) })}{" "}
        {tr(v.pay === "expected" ? "pointsRuleExpected" : "pointsRuleRealised", { offset: fmt(v.pointsOffset), scale: fmt(v.pointsScale) })}
      </p>
    </section>
  );
}
