import type { ExternalityMessage } from "@/lib/mechanisms/ids/externality";
import { fmt } from "../../lib-client/format";

/** Everyone's messages (rows: senders) and the resulting investments x̂ (eq. 10). */
export function MessagesTable({ messages, x, me, testId }: { messages: readonly ExternalityMessage[]; x: readonly number[]; me: number; testId: string }) {
  const n = x.length;
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>Sender</th>
            {x.map((_, j) => (
              <th key={j} className="num">
                x for {j + 1}
              </th>
            ))}
            {x.map((_, j) => (
              <th key={`p${j}`} className="num">
                π for {j + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {messages.map((m, i) => (
            <tr key={i}>
              <td>
                User {i + 1}
                {i === me ? " (you)" : ""}
              </td>
              {m.x.map((v, j) => (
                <td key={j} className="num">
                  {fmt(v, 3)}
                </td>
              ))}
              {m.pi.map((v, j) => (
                <td key={`p${j}`} className="num">
                  {fmt(v, 3)}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td>
              <strong>Investments x̂</strong>
            </td>
            {x.map((v, j) => (
              <td key={j} className="num" data-testid={`${testId}-x-${j}`}>
                <strong>{fmt(v, 3)}</strong>
              </td>
            ))}
            <td colSpan={n} className="small muted">
              average of the proposals
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
