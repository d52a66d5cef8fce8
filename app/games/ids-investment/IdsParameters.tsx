"use client";
import { useTranslations } from "use-intl";
import type { IdsView } from "@/lib/games/ids-investment/views";
import { fmt } from "../../lib-client/format";

/** The participant's own private parameters (nobody else sees them). */
export function IdsParameters({ v }: { v: IdsView }) {
  const t = useTranslations("ids");
  const { me } = v;
  const rows: [label: string, value: string, testId?: string][] = [
    [t("possibleLoss"), fmt(me.alpha), "param-alpha"],
    [t("costPerUnit"), fmt(me.c), "param-c"],
    ...(me.q > 0 ? [[t("extraCost"), fmt(me.q), "param-q"] as [string, string, string]] : []),
    [t("ownProtectionW"), fmt(me.ownWeight), "param-own-weight"],
    [t("investmentRange"), t("zeroTo", { max: fmt(v.xMax) })],
  ];
  return (
    <section className="card" aria-labelledby="ids-params">
      <h3 id="ids-params" style={{ marginTop: 0 }}>{t("situation", { user: me.index + 1 })}</h3>
      <dl className="kv">{rows.map(([k, val, id]) => [<dt key={k}>{k}</dt>, <dd key={`${k}=`} data-testid={id}>{val}</dd>])}</dl>
      {me.othersWeights.length > 0 && (
        <>
          <p className="small muted" style={{ marginBottom: 4 }}>{t("othersProtectYou")}</p>
          <ul className="small" style={{ marginTop: 0 }}>
            {me.othersWeights.map((o) => <li key={o.member}>{t("userWeight", { user: o.member + 1, weight: fmt(o.weight) })}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}
