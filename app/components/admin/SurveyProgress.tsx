/**
 * The exit survey on the monitor: how many people answered, are answering now, or skipped it. Once play is
 * over and only the survey keeps the session running, it says so: the session (and its report) stays
 * "running" until everyone sends it or the experimenter presses End session.
 */
import type { AdminView } from "@/lib/engine/views";

export function SurveyProgress({ survey, status, playOver }: { survey: NonNullable<AdminView["survey"]>; status: AdminView["status"]; playOver: boolean }) {
  const { questions, answered, answering, skipped, byBots } = survey;
  const holding = playOver && status !== "ended" && answering > 0;
  return (
    <div className={`card small ${holding ? "notice" : ""}`} role="status" data-testid="survey-progress">
      <p style={{ margin: 0 }}>
        <strong>Exit survey</strong> ({questions} question{questions === 1 ? "" : "s"}): <span data-testid="survey-answered">{answered}</span> answered,{" "}
        <span data-testid="survey-answering">{answering}</span> answering now
        {skipped > 0 && <>, {skipped} skipped (a bot played the seat)</>}
        {byBots > 0 && <>, {byBots} bot seat{byBots === 1 ? "" : "s"} answered</>}. survey.csv has the answers.
      </p>
      {holding && (
        <p style={{ margin: "6px 0 0" }} data-testid="survey-holds-session">
          Play is over: {answering} of {answering + answered} {answering + answered === 1 ? "person is" : "people are"} still in the exit survey, so the
          session stays running (the projector asks them to finish it). <strong>End session</strong> closes the survey for everyone (answers sent
          stay); end it before you download the data and the report.
        </p>
      )}
    </div>
  );
}
