import type { ExternalityTaxTerms } from "@/lib/mechanisms/ids/externality";
import { fmt } from "../../lib-client/format";

/** The three terms of eq. 11 and their sum, with stable test ids `${prefix}-lindahl` etc. */
export function TaxTerms({ t, prefix }: { t: ExternalityTaxTerms; prefix: string }) {
  return (
    <dl className="kv">
      <dt>Price the others set for you × investments</dt>
      <dd data-testid={`${prefix}-lindahl`}>{fmt(t.lindahl, 3)}</dd>
      <dt>Penalty for disagreeing with the next user</dt>
      <dd data-testid={`${prefix}-disagreement`}>{fmt(t.disagreement, 3)}</dd>
      <dt>Refund (the next user&apos;s penalty)</dt>
      <dd data-testid={`${prefix}-redistribution`}>{fmt(t.redistribution, 3)}</dd>
      <dt>
        <strong>Your tax</strong> {t.tax < 0 ? "(negative: you are paid)" : ""}
      </dt>
      <dd data-testid={`${prefix}-tax`}>{fmt(t.tax, 3)}</dd>
    </dl>
  );
}
