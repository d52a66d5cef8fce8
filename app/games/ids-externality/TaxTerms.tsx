"use client";
import { useTranslations } from "use-intl";
import type { ExternalityTaxTerms } from "@/lib/mechanisms/ids/externality";
import { fmt } from "../../lib-client/format";

/** The three terms of eq. 11 and their sum, with stable test ids `${prefix}-lindahl` etc. */
export function TaxTerms({ t, prefix }: { t: ExternalityTaxTerms; prefix: string }) {
  const x = useTranslations("externality");
  const g = useTranslations("game");
  return (
    <dl className="kv">
      <dt>{x("lindahl")}</dt>
      <dd data-testid={`${prefix}-lindahl`}>{fmt(t.lindahl, 3)}</dd>
      <dt>{x("disagreement")}</dt>
      <dd data-testid={`${prefix}-disagreement`}>{fmt(t.disagreement, 3)}</dd>
      <dt>{x("redistribution")}</dt>
      <dd data-testid={`${prefix}-redistribution`}>{fmt(t.redistribution, 3)}</dd>
      <dt>
        <strong>{x("yourTax")}</strong> {t.tax < 0 ? g("negativePaid") : ""}
      </dt>
      <dd data-testid={`${prefix}-tax`}>{fmt(t.tax, 3)}</dd>
    </dl>
  );
}
