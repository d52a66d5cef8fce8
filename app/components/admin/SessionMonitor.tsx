"use client";
/** The experimenter's live page for one session: code, links, monitor, controls and downloads. */
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { api } from "../../lib-client/api";
import { useAdminWatch } from "../../lib-client/use-admin-watch";
import { ChartsPanel } from "../charts/ChartsPanel";
import { Controls } from "./Controls";
import { Downloads } from "./Downloads";
import { GroupPanel } from "./GroupPanel";
import { monitorOrder } from "./group-facts";
import { MonitorTable } from "./MonitorTable";
import { ParticipantLinks } from "./ParticipantLinks";
import { Payments } from "./Payments";
import { PlayWaitsNotice } from "./PlayWaitsNotice";
import { groupWaitText } from "./play-waits-text";
import type { GroupWait } from "@/lib/engine/play-waits";
import { SessionHeader } from "./SessionHeader";
import { SurveyProgress } from "./SurveyProgress";
import type { Command, SessionDetail } from "./types";

export function SessionMonitor({ id }: { id: string }) {
  const [detail, setDetail] = useState<{ d: SessionDetail; at: number } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [cmdError, setCmdError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const watch = useAdminWatch(id, detail !== null);

  useEffect(() => {
    void api<SessionDetail>("GET", `/api/admin/sessions/${encodeURIComponent(id)}`).then((r) =>
      r.ok ? setDetail({ d: r.body, at: performance.now() }) : setLoadError(r.message),
    );
  }, [id]);

  const run = useCallback(
    async (cmd: Command) => {
      setBusy(true);
      setCmdError(null);
      const r = await api<{ ok: true }>("POST", `/api/admin/sessions/${encodeURIComponent(id)}/command`, cmd);
      setBusy(false);
      if (!r.ok) setCmdError(r.message);
      return r.ok;
    },
    [id],
  );

  if (loadError)
    return (
      <p className="error" role="alert">
        {loadError} <Link href="/admin">Back to sessions</Link>
      </p>
    );
  if (!detail) return <p className="card">Loading the session…</p>;
  const view = watch.view ?? detail.d.view;
  const receivedAt = watch.view ? watch.receivedAt : detail.at;

  return (
    <>
      <p className="small">
        <Link href="/admin">← All sessions</Link>
        {!watch.online && <span className="muted"> · live updates reconnecting…</span>}
      </p>
      {watch.error && <p className="error">{watch.error}</p>}
      <SessionHeader detail={detail.d} view={view} />
      {cmdError && (
        <p className="error" role="alert" data-testid="cmd-error">
          {cmdError}
        </p>
      )}
      {view.gameCrash && (
        <p className="error" role="alert" data-testid="session-game-crashed">
          The session&apos;s code failed when its time ran out ({view.gameCrash.attempts} attempt{view.gameCrash.attempts === 1 ? "" : "s"}):{" "}
          {view.gameCrash.message}. Timed steps wait (retried after a growing delay, up to a minute). End the session if it does not recover;
          the full error is in the server log.
        </p>
      )}
      <PlayWaitsNotice view={view} receivedAt={receivedAt} run={run} busy={busy} />
      <Controls view={view} bots={detail.d.bots} run={run} busy={busy} />
      <MonitorTable view={view} bots={detail.d.bots} run={run} busy={busy} />
      {view.groupWait && <GroupWaitLine w={view.groupWait} />}
      {view.survey && (
        <SurveyProgress
          survey={view.survey}
          status={view.status}
          playOver={view.participants.length > 0 && view.participants.every((p) => p.stage === "done" || p.stage === "survey")}
        />
      )}
      <ChartsPanel charts={view.charts} />
      <div className="grid-2 group-grid">
        {monitorOrder(view.groups).map((g) => (
          <GroupPanel key={g.id} g={g} view={view} receivedAt={receivedAt} run={run} />
        ))}
      </div>
      <ParticipantLinks
        sessionId={id}
        links={detail.d.links}
        freeSeats={view.participants.filter((p) => !p.claimed).map((p) => p.id).join(",")}
        labels={Object.fromEntries(view.participants.map((p) => [p.id, p.label]))}
      />
      <Payments sessionId={id} version={view.version} />
      <Downloads sessionId={id} />
    </>
  );
}

/** How the waiting room stands: who waits, how many more a group needs, or that no group can form (fresh-clone review A6). */
function GroupWaitLine({ w }: { w: GroupWait }) {
  const { text, stuck } = groupWaitText(w);
  return (
    <p className={stuck ? "notice" : "muted"} role={stuck ? "status" : undefined} data-testid={stuck ? "group-cannot-form" : "group-wait"}>
      {text}
    </p>
  );
}
