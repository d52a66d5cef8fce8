"use client";
import { useTranslations } from "use-intl";
import type { ExternalityMessage } from "@/lib/mechanisms/ids/externality";
import { fmt } from "../../lib-client/format";
import { messagesRows } from "./messages-rows";

/** Symbols of the number rows: a sender's proposed investments and prices, and the resulting investments. */
const SYMBOL = { x: "x", pi: "π", average: "x̂" } as const;

/**
 * Everyone's messages and, last, the resulting investments x̂ (eq. 10): one column per user the numbers
 * are about, every sender's x and π in two rows under its name (messages-rows.ts), so the prices are not
 * hidden behind a sideways scroll on a phone.
 */
export function MessagesTable({ title, messages, x, me, testId }: { title: string; messages: readonly ExternalityMessage[]; x: readonly number[]; me: number; testId: string }) {
  const t = useTranslations("externality");
  const ids = useTranslations("ids");
  const rows = messagesRows(messages, x, me);
  return (
    <section className="card" data-testid={testId}>
      <h3 style={{ marginTop: 0 }}>{title}</h3>
      <p className="small muted" style={{ marginTop: 0 }}>
        {t("messagesTableExplained")}
      </p>
      <div className="table-wrap">
        <table className="messages-table">
          <thead>
            <tr>
              <th />
              {x.map((_, j) => (
                <th key={j} className="num" scope="col">
                  {ids("user", { user: j + 1 })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) =>
              r.kind === "sender" || r.kind === "averageHeading" ? (
                <tr key={i} className="group-heading">
                  <th colSpan={x.length + 1} scope="rowgroup">
                    {r.kind === "sender" ? t("messageFrom", { user: r.user + 1, you: r.you ? "yes" : "no" }) : t("averageRow")}
                  </th>
                </tr>
              ) : (
                <tr key={i} data-row={r.kind}>
                  <th scope="row">{SYMBOL[r.kind]}</th>
                  {r.values.map((val, j) => (
                    <td key={j} className="num">
                      {fmt(val, 3)}
                    </td>
                  ))}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
