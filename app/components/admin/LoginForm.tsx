"use client";
import { useState, type FormEvent } from "react";
import { api } from "../../lib-client/api";

/** The experimenter's password (ADMIN_PASSWORD, or the one printed at the first start). */
export function LoginForm({ onDone }: { onDone: () => void }) {
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api<{ ok: true }>("POST", "/api/admin/login", { password });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    onDone();
  };
  return (
    <form className="card" onSubmit={submit} style={{ maxWidth: 420 }}>
      <h2 style={{ marginTop: 0 }}>Experimenter login</h2>
      <div className="field">
        <label htmlFor="admin-password">Password</label>
        <input
          id="admin-password"
          data-testid="admin-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error !== null}
        />
      </div>
      {error && (
        <p className="error" role="alert" data-testid="admin-login-error">
          {error}
        </p>
      )}
      <button type="submit" data-testid="admin-login" disabled={busy || password === ""}>
        {busy ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
