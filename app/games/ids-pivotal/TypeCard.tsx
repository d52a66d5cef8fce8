"use client";
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { fmt } from "../../lib-client/format";

/** A participant's own type (nobody else sees it); shared by the Pivotal and Externality screens. */
export function TypeCard({
  me,
  children,
}: {
  me: { index: number; alpha: number; c: number; q: number; ownWeight: number; others: { member: number; weight: number }[] };
  children?: ReactNode;
}) {
  const t = useTranslations("ids");
  return (
    <section className="card" aria-labelledby="ids-type">
      <h3 id="ids-type" style={{ marginTop: 0 }}>
        {t("situation", { user: me.index + 1 })}
      </h3>
      <dl className="kv">
        <dt>{t("possibleLoss")}</dt>
        <dd data-testid="param-alpha">{fmt(me.alpha, 4)}</dd>
        <dt>{t("costPerUnit")}</dt>
        <dd data-testid="param-c">{fmt(me.c, 4)}</dd>
        {me.q > 0 && (
          <>
            <dt>{t("extraCost")}</dt>
            <dd data-testid="param-q">{fmt(me.q, 4)}</dd>
          </>
        )}
        <dt>{t("ownProtection")}</dt>
        <dd data-testid="param-own-weight">{fmt(me.ownWeight, 4)}</dd>
      </dl>
      {me.others.length > 0 && (
        <p className="small muted" style={{ margin: "4px 0 0" }}>
          {t("protectionByOthers")} {me.others.map((o) => t("userWeightShort", { user: o.member + 1, weight: fmt(o.weight, 4) })).join("; ")}
        </p>
      )}
      {children}
    </section>
  );
}

/** The Pivotal player's own type. */
export function PivotalType({ v }: { v: PivotalView }) {
  return <TypeCard me={{ ...v.me, others: v.me.othersWeights }} />;
}
