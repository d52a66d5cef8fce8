/** report.html of a session (server/export/report-html.ts), or null when there is no such session. */
import type { SessionStore } from "../sessions/store";
import { reportData } from "./report-data";
import { reportHtml } from "./report-html";

export async function sessionReport(store: SessionStore, sessionId: string, generatedAt: Date = new Date()): Promise<string | null> {
  const d = await reportData(store, sessionId);
  return d ? reportHtml(d, generatedAt) : null;
}
