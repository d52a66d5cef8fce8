/** The defender's own payoffs per target (private), the attacker's (when public) and everyone's patrols. */
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { fmt } from "../../lib-client/format";

export const patrols = (k: number) => `${k} patrol${k === 1 ? "" : "s"}`;

export function SsgSituation({ v }: { v: SsgView }) {
  const others = v.resources.map((k, i) => ({ i, k })).filter((d) => d.i !== v.me.index);
  return (
    <section className="card" aria-labelledby="ssg-situation">
      <h3 id="ssg-situation" style={{ marginTop: 0 }}>
        You are defender {v.me.index + 1} and have {patrols(v.me.resources)}
      </h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Target</th>
              <th className="num">
                You get
                <div className="small">protected / not</div>
              </th>
              {v.attacker && (
                <th className="num">
                  Attacker gets
                  <div className="small">protected / not</div>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {v.targets.map((name, t) => (
              <tr key={name}>
                <td>{name}</td>
                <td className="num">
                  <span data-testid={`my-reward-${t}`}>{fmt(v.me.reward[t])}</span> / <span data-testid={`my-penalty-${t}`}>{fmt(v.me.penalty[t])}</span>
                </td>
                {v.attacker && (
                  <td className="num">
                    {fmt(v.attacker.penalty[t])} / {fmt(v.attacker.reward[t])}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">
        Payoffs count when the attacker attacks that target: the first number if it is protected at that moment, the second if not.
      </p>
      <p className="small muted" style={{ marginBottom: 0 }}>
        Your payoffs are private: the other defenders have their own. {v.attacker ? "The attacker's payoffs are known to everyone." : "The attacker's payoffs are not shown in this study."}{" "}
        Others: {others.map((d) => `defender ${d.i + 1} has ${patrols(d.k)}`).join(", ")}. Points = {fmt(v.pointsOffset)} + {fmt(v.pointsScale)} × your {v.pay === "expected" ? "expected payoff" : "payoff from the actual attack"}.
      </p>
    </section>
  );
}
