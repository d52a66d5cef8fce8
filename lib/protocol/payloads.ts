/**
 * zod schemas for every inbound payload (socket events and HTTP bodies), shared by server and app.
 */
import { z } from "zod";
import { SERVER_ACTION_ID_PREFIX } from "../engine/commands";

export const JoinRequest = z
  .object({
    code: z.string().trim().min(3, "enter the room code shown by the experimenter").max(12),
    // only a bound on what is sent: the label rule (at most 40 characters, counted after NFC, with a worded message
    // in the participant's language) is the engine's, lib/engine/claim.ts; a UTF-16 count here would refuse labels
    // of 40 characters (an accent typed as its own character, letters outside the BMP) in English only
    label: z.string().trim().min(1, "enter your label (name or seat number)").max(400, "use at most 40 characters for your label").optional(),
    /** The personal link token this browser stored when it joined this room before (its seat comes back). */
    resume: z.string().min(10).max(100).optional(),
    /** The join link's query parameters (an online panel's ids, e.g. PROLIFIC_PID). */
    query: z.record(z.string().max(60), z.string().max(200)).optional(),
  })
  .refine((r) => r.label !== undefined || r.query !== undefined, { message: "enter your label (name or seat number)", path: ["label"] })
  .refine((r) => r.query === undefined || Object.keys(r.query).length <= 30, { message: "this link has more than 30 parameters; open the study link from the panel's study page again", path: ["query"] });
export type JoinRequest = z.infer<typeof JoinRequest>;
/**
 * A join as the server handles it: the request, and (set by the server, never by the client's body) who sent it,
 * as its per-address limit key, and the browser's id from its join cookie (server/security/browser-cookie.ts).
 */
export type ServerJoin = JoinRequest & { from?: string; browser?: string };

export const IntroRequest = z.discriminatedUnion("step", [
  z.object({ step: z.literal("consent") }),
  /** "I do not agree" on the consent page. */
  z.object({ step: z.literal("decline") }),
  z.object({ step: z.literal("instructions") }),
  z.object({ step: z.literal("quiz"), answers: z.array(z.number().int().min(0)).max(100) }),
]);
export type IntroRequest = z.infer<typeof IntroRequest>;

/**
 * The exit survey's answers, by question id: text, a number (or the text typed into a number field,
 * which the server reads or refuses with a message), an option's value, or null for "no answer".
 * The engine checks them against each question (lib/survey/answers.ts).
 */
export const SurveyRequest = z.object({
  answers: z
    .record(z.string().max(60), z.union([z.string().max(20_000), z.number(), z.null()]))
    .refine((a) => Object.keys(a).length <= 100, { message: "too many answers" }),
});
export type SurveyRequest = z.infer<typeof SurveyRequest>;

/**
 * A client-chosen id: 8 to 100 characters, a letter or digit first, then letters, digits and `_ . : -`
 * (a UUID fits). It reaches the event log and its export, so nothing that a spreadsheet could run. Not
 * in the server's form (`bot:…`, in any case: the ids of the bots' moves), so a participant's id never
 * stands for a move the server makes for their seat.
 */
export const ClientActionId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{7,99}$/, "use 8 to 100 letters, digits or _ . : - (starting with a letter or digit), e.g. a UUID")
  .refine((id) => !id.toLowerCase().startsWith(SERVER_ACTION_ID_PREFIX), {
    message: `ids starting with "${SERVER_ACTION_ID_PREFIX}" are the server's own (its bots' moves); use another, e.g. a UUID`,
  });

/** The phase instance a screen showed (round, phase id, phaseSeq from the play view). */
export const PhaseInstance = z.object(
  {
    round: z.number().int().min(0),
    phase: z.string().max(100),
    phaseSeq: z.number().int().min(0),
  },
  { error: "this page does not say which screen the answer is for; reload the page" },
);

export const ActionEnvelope = z.object({
  /** Unique per intended action: a retried submit with the same id counts once. */
  clientActionId: ClientActionId,
  action: z.unknown(),
  /** The phase instance the action answers; filled in by the client hook from the play view it was sent from. */
  at: PhaseInstance,
});
export type ActionEnvelope = z.infer<typeof ActionEnvelope>;

export const AdminCommandRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("open") }),
  z.object({ kind: z.literal("pause") }),
  z.object({ kind: z.literal("resume") }),
  z.object({ kind: z.literal("forcePhaseEnd"), groupId: z.string().max(100).optional(), decisionsOnly: z.literal(true).optional() }),
  z.object({ kind: z.literal("replaceWithBot"), pid: z.string().min(1).max(100), strategy: z.string().max(100).optional() }),
  z.object({ kind: z.literal("giveBack"), pid: z.string().min(1).max(100) }),
  z.object({ kind: z.literal("fillWithBots"), strategy: z.string().max(100).optional() }),
  z.object({ kind: z.literal("end") }),
  z.object({ kind: z.literal("retryCompute"), groupId: z.string().min(1).max(100) }),
  z.object({ kind: z.literal("endFailedGroup"), groupId: z.string().min(1).max(100) }),
  z.object({ kind: z.literal("hideLabel"), pid: z.string().min(1).max(100), hidden: z.boolean() }),
]);
export type AdminCommandRequest = z.infer<typeof AdminCommandRequest>;

/** The longest admin password accepted (hashing costs time; a longer one is refused before it is hashed). */
export const MAX_PASSWORD_LENGTH = 1024;

export const LoginRequest = z.object({
  password: z
    .string()
    .min(1, "enter the admin password")
    .max(MAX_PASSWORD_LENGTH, "the password is too long: an admin password has at most 1,024 characters"),
});

export const CreateSessionRequest = z.object({
  /** The treatment as an object or as pasted JSON text. */
  treatment: z.union([z.string(), z.record(z.string(), z.unknown())], {
    error: 'give the treatment as one JSON object { "name": …, "game": …, "params": … } (or its JSON text)',
  }),
  seed: z.string().max(100).optional(),
  /** Create as a draft (the admin page does): nobody can join until the session is opened. */
  draft: z.boolean().optional(),
});

export const WatchRequest = z.object({ sessionId: z.string().min(1).max(100) });
