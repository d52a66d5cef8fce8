/**
 * events.csv: the session's append-only event log, one row per command the session received, accepted
 * or refused, in the order the server applied them (server/sessions/host.ts writes it; the codebook
 * documents its columns with `file` = events.csv).
 */
import type { ColumnDoc } from "../../lib/core/game";
import type { SessionStore } from "../sessions/store";
import { toCsv } from "./csv";

const COMMANDS = [
  "create (the session was created; payload: the treatment)",
  "claim, claimPanel (someone took a seat with the room code and a label, or through a panel link: payload has the label or panel id, participant the seat taken; empty when refused; with every seat taken, a claim may take over a seat the experimenter filled with a bot: the latecomer reads the intro while the bot plays on)",
  "connect, disconnect (a browser opened the seat's live connection or lost it: presence)",
  "consent, instructions, quiz (the intro steps; a wrong quiz answer is refused, error_code intro/wrong_answer, yet counted in quiz_attempts; the last wrong one intro.quizMaxAttempts allows also ends the person's part: left_before_play quiz_failed)",
  "decline (\"I do not agree\" on the consent page: the person takes no part)",
  "action (a decision in the game: payload.action as the game read it, payload.byBot true when a bot made it, payload.at the round, phase and phaseSeq the screen answered)",
  "survey (the exit survey's answers)",
  "open, pause, resume, end, forcePhaseEnd (\"End phase now\": payload.groupId names a group's own button; payload.decisionsOnly true is \"End phase now (all groups)\", which ends only the deciding groups' step while any group decides; without either, every playing group's step ended), replaceWithBot (payload.intro true: the seat's person had not finished the intro, so the seat was freed from them, with a new link, and became a bot seat; the row still belongs to that person, see seat_holder), giveBack (\"Give back\": the person plays their seat again), fillWithBots, hideLabel (\"Hide on screen\" / \"Show on screen\": payload.hidden says which; the room's screen shows the seat's number instead of the label, the data keep it) (the experimenter on the monitor)",
  "retryCompute, endFailedGroup (the experimenter's choice after a group's computation failed; endFailedGroup also after its game code crashed, then with crashed: true)",
  "freeSeat (a taken seat given back to the free seats: by the experimenter, or by system — participant then names the seat — when nobody opened a seat taken by a join, or its person left before playing, declined the consent or failed the quiz and closed the page, or waited out the waiting room: at once)",
  "tick (a deadline came, by timeout: a phase timer ran out or a dropout's grace period ended; by system: the server checked the session's clocks, e.g. when it was created or loaded after a restart)",
  "outage (the server was down from payload.fromMs until this event; the clocks stop for that time)",
  "computed, computeFailed (the result, or the failure, of a group's long computation, fed back by the server)",
  "p:… such as p:action or p:sync (a participant's input refused before it reached the session because they sent too much; payload: how many were refused and a sample)",
];

export const EVENT_COLUMNS: ColumnDoc[] = [
  { name: "seq", type: "number", description: "Position in the session's log: 1, 2, 3, … without gaps, in the order the server applied the commands (seq 1 is the session's creation)." },
  { name: "server_time", type: "string", description: "When the server applied or refused the command: ISO 8601 in UTC with milliseconds (e.g. 2025-03-01T14:05:09.123Z), server clock." },
  {
    name: "actor_kind",
    type: "string",
    description:
      "Who sent the command: participant (a participant's browser, also joining by room code or panel link), bot (a bot's move for a bot seat or for a person it replaced; participant names the seat), " +
      "admin (the experimenter on the monitor or the admin pages), system (the server itself: disconnects and deadline checks after a restart, outage, freeing seats nobody opened, the results of long computations), " +
      "timeout (the deadline timer: tick).",
  },
  { name: "participant", type: "string", description: "The seat's participant id (as in data.csv) the command came from or was sent for, or the seat an accepted claim took; empty for the experimenter's commands (the seat they act on is payload.pid), refused claims and ticks." },
  {
    name: "seat_holder",
    type: "number",
    description:
      "Which person of the seat the row belongs to: 1 for the first person who held the seat, 2 for the next one after the seat was freed (an accepted freeSeat event, or a replaceWithBot with payload.intro true; that row itself, also the experimenter's, whose seat is payload.pid, still belongs to the person it removed) or after a latecomer who took the seat over from its bot gave it back in the intro (the next claim of the seat is its next holder's), and so on; the same number as data-wide.csv's seat_holder for the seat's last person. With participant, it ties a person's claim (their panel id or label in the payload) to their intro steps, decline or quiz attempts. Empty when no seat is named.",
  },
  { name: "command", type: "string", description: `What was asked: ${COMMANDS.join("; ")}.` },
  { name: "accepted", type: "boolean", description: "TRUE when the session accepted the command; FALSE when it was refused (error_code says why) or was a duplicate of one already counted." },
  { name: "error_code", type: "string", description: "Why a command was refused, e.g. action/wrong_phase, action/stale_phase (the answer was for an earlier screen), intro/wrong_answer, session/full, session/rate_limited, or duplicate (the same client_action_id again: counted once); empty when accepted." },
  { name: "error_message", type: "string", description: "The English sentence the sender was shown with a refusal; empty when accepted." },
  { name: "client_action_id", type: "string", description: "The id the participant's page (or the bot) gave a game action: a retried send keeps its id, so it counts once. Empty for other commands." },
  { name: "version_after", type: "number", description: "The session state's version after this event (a refused command leaves it as it was, except a wrong quiz answer, which is counted as an attempt)." },
  {
    name: "payload",
    type: "string",
    description:
      "The command as JSON, e.g. {\"kind\":\"action\",\"pid\":\"p3\",\"clientActionId\":\"…\",\"action\":{\"type\":\"invest\",\"x\":2},\"at\":{\"round\":1,\"phase\":\"decide\",\"phaseSeq\":1}}; for create, the treatment. " +
      "A payload over 4 KiB is stored as {\"$cut\":{reason, bytes, sha256, head}} (its size, the SHA-256 of the full JSON and its first 512 characters); refused input beyond the session's budget for refused input (512 KiB) as {\"$omitted\":{reason, bytes, sha256, compactedSoFar}}.",
  },
];

/** Commands of the experimenter that name their seat in the payload's `pid` only. */
const SEAT_IN_PAYLOAD: ReadonlySet<string> = new Set(["freeSeat", "hideLabel", "replaceWithBot", "giveBack"]);

/** The seat an event names: its participant column (the server's own), else its payload's `pid` (the experimenter's). */
function freedSeatOf(e: { participantId: string | null; payloadJson: string }): string | null {
  if (e.participantId) return e.participantId;
  try {
    const pid = (JSON.parse(e.payloadJson) as { pid?: unknown }).pid;
    return typeof pid === "string" ? pid : null;
  } catch {
    return null;
  }
}

/** A replaceWithBot that freed the seat from a person still in the intro for a bot (payload `intro`: lib/engine/admin.ts). */
function freedFromIntro(e: { payloadJson: string }): boolean {
  try {
    return (JSON.parse(e.payloadJson) as { intro?: unknown }).intro === true;
  } catch {
    return false;
  }
}

export async function eventsCsv(store: SessionStore, sessionId: string): Promise<string> {
  const events = await store.events(sessionId);
  /** How often each seat was freed so far, in the log's order. */
  const freed = new Map<string, number>();
  /** Seats a join took since they were last freed: a latecomer's takeover that ended in the intro gives its seat back without a freeSeat (lib/engine/takeover.ts). */
  const joined = new Set<string>();
  return toCsv(
    EVENT_COLUMNS.map((c) => c.name),
    events.map((e) => {
      // the experimenter's commands name their seat in the payload only (a freeSeat row still belongs to the person it removed)
      const seat = e.participantId ?? (SEAT_IN_PAYLOAD.has(e.command) ? freedSeatOf(e) : null);
      if (e.command === "claim" && e.accepted && seat) {
        // a second join of a seat not freed in between: the seat was taken over again, by its next holder
        if (joined.has(seat)) freed.set(seat, (freed.get(seat) ?? 0) + 1);
        joined.add(seat);
      }
      const holder = seat ? (freed.get(seat) ?? 0) + 1 : null;
      if ((e.command === "freeSeat" || (e.command === "replaceWithBot" && freedFromIntro(e))) && e.accepted && seat) {
        freed.set(seat, (freed.get(seat) ?? 0) + 1);
        joined.delete(seat);
      }
      return { ...eventRow(e), seat_holder: holder };
    }),
  );
}

function eventRow(e: Awaited<ReturnType<SessionStore["events"]>>[number]) {
  return {
    seq: e.seq,
    server_time: e.serverTime.toISOString(),
    actor_kind: e.actorKind,
    participant: e.participantId,
    command: e.command,
    accepted: e.accepted,
    error_code: e.errorCode,
    error_message: e.errorMessage,
    client_action_id: e.clientActionId,
    version_after: e.versionAfter,
    payload: e.payloadJson,
  };
}
