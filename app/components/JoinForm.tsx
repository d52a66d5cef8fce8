"use client";
/** Room code + label → POST /api/join → the participant's own page /p/<token>. */
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { useRefusalText, type Refusal } from "../i18n/use-refusal-text";
import { LABEL_MAX, labelLength } from "@/lib/engine/label-length";
import { api } from "../lib-client/api";
import { rememberSeat, rememberedSeat } from "../lib-client/seat-memory";

export function JoinForm({ initialCode = "" }: { initialCode?: string }) {
  const t = useTranslations("join");
  const tr = useTranslations("refusals");
  const refusalText = useRefusalText();
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [label, setLabel] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);
  // an empty field is said here, in the page's language, instead of sending a request the server refuses
  const [missing, setMissing] = useState<"code" | "label" | null>(null);

  // The server's rule (lib/engine/claim.ts): at most LABEL_MAX characters, counted after NFC and trimming. The
  // field does not cut a longer label (maxLength did, silently, counting UTF-16 units): it says so, in the words
  // the server would refuse it with.
  const length = labelLength(label);
  const tooLong = length > LABEL_MAX;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (tooLong) {
      document.getElementById("join-label")?.focus();
      return;
    }
    const empty = !code.trim() ? "code" : !label.trim() ? "label" : null;
    setMissing(empty);
    if (empty) {
      setError(null);
      document.getElementById(`join-${empty}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const room = code.trim().toUpperCase();
    const resume = rememberedSeat(room);
    const r = await api<{ ok: true; token: string }>("POST", "/api/join", { code: room, label: label.trim(), ...(resume ? { resume } : {}) });
    if (!r.ok) {
      setError(r);
      setBusy(false);
      return;
    }
    rememberSeat(room, r.body.token);
    router.push(`/p/${encodeURIComponent(r.body.token)}`);
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="join-code">{t("roomCode")}</label>
        <input
          id="join-code"
          data-testid="join-code"
          type="text"
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => (setCode(e.target.value), setMissing(null))}
          placeholder={t("roomCodeExample")}
          required
          aria-invalid={missing === "code" || undefined}
          aria-describedby={missing === "code" ? "join-missing" : undefined}
        />
        {missing === "code" && (
          <p className="error" role="alert" id="join-missing" data-testid="join-missing">
            {tr("codeMissing")}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="join-label">
          {t("label")} <span className="help">{t("labelHelp")}</span>
        </label>
        <input
          id="join-label"
          data-testid="join-label"
          type="text"
          autoComplete="off"
          value={label}
          onChange={(e) => (setLabel(e.target.value), setMissing(null))}
          required
          aria-invalid={tooLong || missing === "label" || undefined}
          aria-describedby={tooLong ? "join-label-too-long" : missing === "label" ? "join-missing" : undefined}
        />
        {missing === "label" && (
          <p className="error" role="alert" id="join-missing" data-testid="join-missing">
            {tr("labelMissing")}
          </p>
        )}
        {tooLong && (
          <p className="error" role="alert" id="join-label-too-long" data-testid="join-label-too-long">
            {tr("labelTooLong", { count: length, max: LABEL_MAX })}
          </p>
        )}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="join-error">
          {refusalText(error)}
        </p>
      )}
      <button type="submit" data-testid="join-submit" className="block" disabled={busy}>
        {busy ? t("joining") : t("join")}
      </button>
    </form>
  );
}
