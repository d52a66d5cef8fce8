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

type Phase = { kind: "joining" } | { kind: "form" } | { kind: "error"; refusal: Refusal };

export function PanelJoin({ code, query }: { code: string; query: Record<string, string> }) {
  const t = useTranslations("join");
  const refusalText = useRefusalText();
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "joining" });

  useEffect(() => {
    let cancelled = false;
    // this browser's stored link of the room: an id that has a seat gets it back only here (or with the panel's own link)
    const resume = rememberedSeat(code);
    void api<{ ok: true; token: string }>("POST", "/api/join", { code, query, ...(resume ? { resume } : {}) }).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        rememberSeat(code, r.body.token);
        router.replace(`/p/${encodeURIComponent(r.body.token)}`);
      }
      else setPhase(r.code === "join/no_panel_id" ? { kind: "form" } : { kind: "error", refusal: r });
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, JSON.stringify(query), router]);

  if (phase.kind === "form") return <JoinForm initialCode={code} />;
  if (phase.kind === "error")
    return (
      <p className="error" role="alert" data-testid="join-error">
        {refusalText(phase.refusal)}
      </p>
    );
  return (
    <p role="status" data-testid="panel-joining">
      {t("takingSeat")}
    </p>
  );
}
