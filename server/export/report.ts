/**
 * report.html of a session (server/export/report-html.ts), or null when there is no such session. It is
 * stamped with the session's end (or creation), so downloading it again gives the same file.
 */
import type { SessionStore } from "../sessions/store";
import { reportData } from "./report-data";
import { reportHtml } from "./report-html";

export async function sessionReport(store: SessionStore, sessionId: string): Promise<string | null> {
  const d = await reportData(store, sessionId);
  return d ? reportHtml(d) : null;
}
