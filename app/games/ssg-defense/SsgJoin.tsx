"use client";
/** Join phase: join the coordination or act alone this round. */
import { useTranslations } from "use-intl";
import type { ssgDefense } from "@/lib/games/ssg-defense";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { richTags } from "../strong";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import { mechanismText } from "./mechanism-text";
import { SsgSituation } from "./SsgSituation";
import { Waiting } from "./Waiting";

export function SsgJoin({ v, play, act, locked }: PhaseProps<typeof ssgDefense, "join">) {
  const tr = useTranslations("ssg");
  const refusalText = useRefusalText();
  const { send, busy, error } = useIntent(act);
  if (!play.myTurn)
    return (
      <div>
        <Waiting pending={play.pendingCount} testId="join-done">
          {v.join?.mine ? tr("youJoin") : tr("youActAlone")}
        </Waiting>
        <SsgSituation v={v} />
      </div>
    );
  const choose = (join: boolean) => void send(`r${play.round}:join:${join}`, { type: "join", join });
  return (
    <div>
      <SsgSituation v={v} />
      <section className="card">
        <h3 style={{ marginTop: 0 }}>{tr("joinQuestion")}</h3>
        <ul className="small">
          <li>
            {tr.rich("joinExplained", richTags)} {v.mechanism ? tr(mechanismText(v.mechanism.kind)) : ""}
          </li>
          <li>{tr.rich("aloneExplained", richTags)}</li>
        </ul>
        {error && (
          <p className="error" role="alert">
            {refusalText(error)}
          </p>
        )}
        <div className="grid-2">
          <button type="button" data-testid="join-yes" disabled={busy || locked} onClick={() => choose(true)}>
            {tr("join")}
          </button>
          <button type="button" className="secondary" data-testid="join-no" disabled={busy || locked} onClick={() => choose(false)}>
            {tr("actAlone")}
          </button>
        </div>
      </section>
    </div>
  );
}
