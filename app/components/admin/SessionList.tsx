"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { api } from "../../lib-client/api";

interface SessionRow {
  id: string;
  code: string;
  name: string;
  gameId: string;
  status: string;
  createdAt: string;
}

/** All sessions, newest first, each linking to its monitor. */
export function SessionList() {
  const [rows, setRows] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api<SessionRow[]>("GET", "/api/admin/sessions").then((r) => (r.ok ? setRows(r.body) : setError(r.message)));
  }, []);
  if (error) return <p className="error">{error}</p>;
  if (!rows) return <p className="muted">Loading sessions…</p>;
  if (rows.length === 0) return <p className="muted">No sessions yet. Create one below.</p>;
  const sorted = [...rows].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  return (
    <div className="table-wrap">
      <table data-testid="session-list">
        <thead>
          <tr>
            <th>Room code</th>
            <th>Treatment</th>
            <th>Game</th>
            <th>Status</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={`/admin/sessions/${encodeURIComponent(s.id)}`}>
                  <strong>{s.code}</strong>
                </Link>
              </td>
              <td>{s.name}</td>
              <td>{s.gameId}</td>
              <td>
                <span className={`pill ${s.status}`}>{s.status}</span>
              </td>
              <td className="small">{new Date(s.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
