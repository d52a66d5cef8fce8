"use client";
/**
 * A panel link (/join?code=ABCDE&PROLIFIC_PID=…): the seat is taken with the panel's id, nobody types a
 * label; the browser remembers the seat's link, so opening the study link again here brings the seat back.
 * When the link carries no panel id the usual join form is shown.
 */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { useRefusalText, type Refusal } from "../i18n/use-refusal-text";
import { api } from "../lib-client/api";
import { rememberSeat, rememberedSeat } from "../lib-client/seat-memory";
import { JoinForm } from "./JoinForm";

type Phase = { kind: "joining" } | { kind: "form" } | { kind: "error"; refusal: Refusal; retrying: boolean };

/** While the session is still a draft, the page asks again this often (people arrive before the experimenter opens it). */
const RETRY_OPEN_S = 10;

export function PanelJoin({ code, query }: { code: string; query: Record<string, string> }) {
  const t = useTranslations("join");
  const refusalText = useRefusalText();
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "joining" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // this browser's stored link of the room: an id that has a seat gets it back only here (or with the panel's own link)
    const resume = rememberedSeat(code);
    void api<{ ok: true; token: string }>("POST", "/api/join", { code, query, ...(resume ? { resume } : {}) }).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        rememberSeat(code, r.body.token);
        router.replace(`/p/${encodeURIComponent(r.body.token)}`);
      }
      else if (r.code === "join/no_panel_id") setPhase({ kind: "form" });
      else {
        const retrying = r.code === "session/not_open";
        setPhase({ kind: "error", refusal: r, retrying });
        // (many people arriving before the session opens can also meet the room's join limit: ask again too)
        if (retrying || r.code === "rate/limited") retry = setTimeout(() => setAttempt((a) => a + 1), RETRY_OPEN_S * 1000);
      }
    });
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, JSON.stringify(query), router, attempt]);

  if (phase.kind === "form") return <JoinForm initialCode={code} />;
  if (phase.kind === "error")
    return (
      // not opened yet: no "try again" for the person, the page does it
      phase.retrying ? (
        <p className="notice" role="status" data-testid="join-retrying">
          {t("retryingOpen", { seconds: RETRY_OPEN_S })}
        </p>
      ) : (
        <p className="error" role="alert" data-testid="join-error">
          {refusalText(phase.refusal)}
        </p>
      )
    );
  return (
    <p role="status" data-testid="panel-joining">
      {t("takingSeat")}
    </p>
  );
}
