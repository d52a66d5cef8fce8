"use client";
/**
 * Shows the login form until the admin cookie is valid, then the page; offers logout (not on the room's
 * screen, `logout={false}`: the projector is read by participants in their language, and the monitor's
 * tab has the button).
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { AdminSessionContext } from "../../lib-client/admin-session";
import { api } from "../../lib-client/api";
import { LoginForm } from "./LoginForm";

export function AdminGate({ children, logout: showLogout = true }: { children: ReactNode; logout?: boolean }) {
  const [state, setState] = useState<"checking" | "out" | "in">("checking");
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(async () => {
    const r = await api<{ ok: boolean }>("GET", "/api/admin/me");
    if (r.ok) setState("in");
    else if (r.status === 0) setError(r.message);
    else setState("out");
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  // a live feed refused for want of a login shows this form again (app/lib-client/admin-session.ts)
  const session = useMemo(() => ({ loggedOut: () => setState("out") }), []);

  const logout = async () => {
    await api("POST", "/api/admin/logout");
    setState("out");
  };

  if (state === "checking")
    return <p className="card">{error ? <span className="error">{error}</span> : "Checking your login…"}</p>;
  if (state === "out") return <LoginForm onDone={() => setState("in")} />;
  if (!showLogout) return <AdminSessionContext.Provider value={session}>{children}</AdminSessionContext.Provider>;
  return (
    <AdminSessionContext.Provider value={session}>
      <div className="spread" style={{ justifyContent: "flex-end" }}>
        <button type="button" className="secondary small" onClick={logout} data-testid="admin-logout">
          Log out
        </button>
      </div>
      {children}
    </AdminSessionContext.Provider>
  );
}
