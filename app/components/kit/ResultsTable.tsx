/** A small table of per-member results (first column a label, the others numbers). */
import type { ReactNode } from "react";
import { fmt } from "../../lib-client/format";

export interface ResultsColumn<R> {
  title: string;
  value(row: R): number | string | null;
  digits?: number;
}

export function ResultsTable<R>({ title, rows, label, columns, testId }: { title: string; rows: readonly R[]; label(row: R): ReactNode; columns: readonly ResultsColumn<R>[]; testId?: string }) {
  if (rows.length === 0) return null;
  return (
    <section className="card" data-testid={testId}>
      <h3 style={{ marginTop: 0 }}>{title}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th />
              {columns.map((c) => (
                <th key={c.title} className="num">
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{label(r)}</td>
                {columns.map((c) => {
                  const v = c.value(r);
                  return (
                    <td key={c.title} className="num">
                      {typeof v === "number" || v === null ? fmt(v, c.digits) : v}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
