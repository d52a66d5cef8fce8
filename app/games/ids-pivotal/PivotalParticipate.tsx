"use client";
/** Step 1: join the mechanism or stay out. */
import { useTranslations } from "use-intl";
import type { idsPivotal } from "@/lib/games/ids-pivotal";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { fmt } from "../../lib-client/format";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { richTags } from "../strong";
import { PivotalType } from "./TypeCard";

export function PivotalParticipate({ v, play, act, locked }: PhaseProps<typeof idsPivotal, "participate">) {
  const t = useTranslations("pivotal");
  const g = useTranslations("game");
  const refusalText = useRefusalText();
  const { send, busy, error } = useIntent(act);
  const choose = (join: boolean) => void send(`r${play.round}:join:${join}`, { type: "participate", join });
  if (v.myJoin !== null) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="participate-done">
          {play.botChose ? (v.myJoin ? t("botJoined") : t("botStayedOut")) : v.myJoin ? t("youJoined") : t("youStayedOut")} {play.pendingCount > 0 ? g("waitingForOthers", { count: play.pendingCount }) : g("nextStep")}
        </p>
        <PivotalType v={v} />
      </div>
    );
  }
  return (
    <div>
      <PivotalType v={v} />
      <section className="card">
        <p style={{ marginTop: 0 }}>{t.rich("joinExplained", richTags)}</p>
        <p>
          {t.rich(v.rules.loner === "free" ? "stayOutFree" : "stayOutBestResponse", richTags)}{" "}
          {v.rules.information === "incomplete" ? t("plansWithoutYou") : t("anticipates")}
        </p>
        {v.last && (
          <p className="small muted" data-testid="last-round">
            {t(v.last.bot ? (v.last.joined ? "lastJoinedBot" : "lastStayedOutBot") : v.last.joined ? "lastJoined" : "lastStayedOut", { points: fmt(v.last.points, 1) })}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="participate-error">
            {refusalText(error)}
          </p>
        )}
        <div className="row">
          <button type="button" data-testid="join-in" onClick={() => choose(true)} disabled={busy || locked}>
            {t("join")}
          </button>
          <button type="button" className="secondary" data-testid="join-out" onClick={() => choose(false)} disabled={busy || locked}>
            {t("stayOut")}
          </button>
        </div>
      </section>
    </div>
  );
}
