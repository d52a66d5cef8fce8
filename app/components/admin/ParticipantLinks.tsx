"use client";
import { useEffect, useState } from "react";
import { CopyButton } from "../CopyButton";
import type { SessionDetail } from "./types";

/** One personal link per seat (send each person their own; whoever opens it takes that seat). */
export function ParticipantLinks({ links }: { links: SessionDetail["links"] }) {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <details className="card" open={links.length <= 12}>
      <summary>Personal participant links ({links.length})</summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Seat</th>
              <th>Link</th>
              <th>
                <span className="sr-only">Copy</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.seat}>
                <td>{l.seat}</td>
                <td style={{ wordBreak: "break-all" }}>
                  <a href={l.path} target="_blank" rel="noopener" data-testid={`participant-link-${l.seat}`}>
                    {origin}
                    {l.path}
                  </a>
                </td>
                <td>
                  <CopyButton text={`${origin}${l.path}`} testId={`copy-link-${l.seat}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
