/** Data downloads (the admin cookie authorizes them; the server names the files). */
export function Downloads({ sessionId }: { sessionId: string }) {
  const base = `/api/admin/sessions/${encodeURIComponent(sessionId)}/export`;
  const files = [
    { id: "download-csv", file: "data.csv", label: "Data (CSV, one row per participant and round)" },
    { id: "download-wide", file: "data-wide.csv", label: "Data, wide (CSV, one row per participant: r1_, r2_, … columns, quiz attempts)" },
    { id: "download-json", file: "data.json", label: "Data (JSON)" },
    { id: "download-survey", file: "survey.csv", label: "Exit survey (CSV, one row per participant, one column per question)" },
    { id: "download-payments", file: "payments.csv", label: "Payments (CSV, one row per person: completion code, points, bonus, payout, finished)" },
    { id: "download-bonus", file: "bonus.csv", label: "Bonus file for the panel's bulk bonus (participant id,amount per line, bonuses above 0 only; Prolific: Bulk bonus payment)" },
    { id: "download-codebook", file: "codebook.csv", label: "Codebook (what each column means)" },
    { id: "download-events", file: "events.csv", label: "Event log (every action, CSV)" },
    { id: "download-rounds", file: "rounds.json", label: "Rounds with mechanism inputs and outputs (JSON)" },
    { id: "download-report", file: "report.html", label: "Session report (one HTML file that opens offline: charts of play against theory, summary per round and participant)" },
  ];
  return (
    <section className="card" aria-labelledby="downloads-h">
      <h2 id="downloads-h" style={{ marginTop: 0 }}>
        Download data
      </h2>
      <ul>
        {files.map((f) => (
          <li key={f.id} style={{ margin: "6px 0" }}>
            <a href={`${base}/${f.file}`} download data-testid={f.id}>
              {f.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
