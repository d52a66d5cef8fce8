/** The exit survey on the monitor: how many people answered, are answering now, or skipped it. */
import type { AdminView } from "@/lib/engine/views";

export function SurveyProgress({ survey }: { survey: NonNullable<AdminView["survey"]> }) {
  const { questions, answered, answering, skipped, byBots } = survey;
  return (
    <p className="card small" role="status" data-testid="survey-progress">
      <strong>Exit survey</strong> ({questions} question{questions === 1 ? "" : "s"}): <span data-testid="survey-answered">{answered}</span> answered,{" "}
      <span data-testid="survey-answering">{answering}</span> answering now
      {skipped > 0 && <>, {skipped} skipped (a bot played the seat)</>}
      {byBots > 0 && <>, {byBots} bot seat{byBots === 1 ? "" : "s"} answered</>}. survey.csv has the answers.
    </p>
  );
}
