"use client";
/** Room code + label → POST /api/join → the participant's own page /p/<token>. */
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "../lib-client/api";
import { rememberSeat, rememberedSeat } from "../lib-client/seat-memory";

export function JoinForm({ initialCode = "" }: { initialCode?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [label, setLabel] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const room = code.trim().toUpperCase();
    const resume = rememberedSeat(room);
    const r = await api<{ ok: true; token: string }>("POST", "/api/join", { code: room, label: label.trim(), ...(resume ? { resume } : {}) });
    if (!r.ok) {
      setError(r.message);
      setBusy(false);
      return;
    }
    rememberSeat(room, r.body.token);
    router.push(`/p/${encodeURIComponent(r.body.token)}`);
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="join-code">Room code</label>
        <input
          id="join-code"
          data-testid="join-code"
          type="text"
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="e.g. K7QPM"
          required
        />
      </div>
      <div className="field">
        <label htmlFor="join-label">
          Your label <span className="help">(your name or seat number, as the experimenter asked)</span>
        </label>
        <input
          id="join-label"
          data-testid="join-label"
          type="text"
          autoComplete="off"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          required
          maxLength={40}
        />
      </div>
      {error && (
        <p className="error" role="alert" data-testid="join-error">
          {error}
        </p>
      )}
      <button type="submit" data-testid="join-submit" className="block" disabled={busy}>
        {busy ? "Joining…" : "Join"}
      </button>
    </form>
  );
}
