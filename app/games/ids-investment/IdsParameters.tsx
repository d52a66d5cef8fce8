"use client";
import { useTranslations } from "use-intl";
import type { IdsView } from "@/lib/games/ids-investment/views";
import { fmt } from "../../lib-client/format";

/** The participant's own private parameters (nobody else sees them). */
export function IdsParameters({ v }: { v: IdsView }) {
  const t = useTranslations("ids");
  const { me } = v;
  return (
    <section className="card" aria-labelledby="ids-params">
      <h3 id="ids-params" style={{ marginTop: 0 }}>
        {t("situation", { user: me.index + 1 })}
      </h3>
      <dl className="kv">
        <dt>{t("possibleLoss")}</dt>
        <dd data-testid="param-alpha">{fmt(me.alpha)}</dd>
        <dt>{t("costPerUnit")}</dt>
        <dd data-testid="param-c">{fmt(me.c)}</dd>
        {me.q > 0 && (
          <>
            <dt>{t("extraCost")}</dt>
            <dd data-testid="param-q">{fmt(me.q)}</dd>
          </>
        )}
        <dt>{t("ownProtectionW")}</dt>
        <dd data-testid="param-own-weight">{fmt(me.ownWeight)}</dd>
        <dt>{t("investmentRange")}</dt>
        <dd>{t("zeroTo", { max: fmt(v.xMax) })}</dd>
      </dl>
      {me.othersWeights.length > 0 && (
        <>
          <p className="small muted" style={{ marginBottom: 4 }}>
            {t("othersProtectYou")}
          </p>
          <ul className="small" style={{ marginTop: 0 }}>
            {me.othersWeights.map((o) => (
              <li key={o.member}>{t("userWeight", { user: o.member + 1, weight: fmt(o.weight) })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
