/**
 * The treatment file: everything an experimenter sets for a session, validated with zod.
 * Game-specific parameters live under `params` and are validated by the game module's own schema.
 */
import { translatorFor } from "../i18n/translate";
import { z } from "zod";
import type { AnyGameModule } from "../core/game";
import { formatZodError } from "../core/zod-format";
import { hasOwnKey, own } from "../core/own";
import { paramSizeProblems, TREATMENT_LIMITS } from "./limits";
import { Survey } from "../survey/questions";
import { LOCALES } from "../i18n/locales";
import { alongside, ALONGSIDE } from "../core/refine-alongside";
import { panelParamProblem } from "../study/panel";
import { jsonKind, parseJsonText } from "../core/json-text";

const L = TREATMENT_LIMITS;
/** A link participants are sent to: http(s) only (a javascript: or data: address would never be followed). */
const webAddress = z.string().refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), "give a full web address starting with https:// (or http://)");
const text = (max: number) => z.string().max(max, `use at most ${max} characters`);

export const QuizQuestion = z.object({
  question: text(L.maxQuizTextChars).min(1),
  options: z.array(text(L.maxQuizTextChars).min(1)).min(2, "give at least two options").max(L.maxQuizOptions, `use at most ${L.maxQuizOptions} options`),
  /** Index of the right option (0-based). */
  answer: z.number().int().min(0),
  /** Shown after a wrong answer. */
  hint: text(L.maxQuizTextChars).optional(),
});

export const Treatment = z
  .object({
    name: text(L.maxNameChars).min(1, "give the treatment a name"),
    description: text(L.maxDescriptionChars).default(""),
    /** Game module id, e.g. "ids-investment". */
    game: z.string().min(1).max(100),
    /** Game parameters (validated by the game module). */
    params: z.record(z.string(), z.unknown()),
    /** Number of groups; the session has groups × groupSize seats. */
    groups: z.number().int().min(1).max(500).default(1),
    /** fixed: groups stay together; random: everyone is rematched at random each round. */
    matching: z.enum(["fixed", "random"]).default("fixed"),
    intro: z
      .object({
        /** Unset: one sentence in the treatment's language ("By continuing you agree to take part in this study."). */
        consent: text(L.maxConsentChars).optional(),
        instructions: text(L.maxInstructionsChars).default(""),
        quiz: z.array(QuizQuestion).max(L.maxQuizQuestions, `use at most ${L.maxQuizQuestions} quiz questions`).default([]),
        /**
         * Unset: the quiz can be answered until it is right. A number: after that many wrong attempts the person
         * takes no part (their page says so; a seat taken by room code or panel id is freed for someone else, and
         * that panel id cannot take a seat in the session again).
         */
        quizMaxAttempts: z.number().int("give a whole number of attempts").min(1, "allow at least 1 attempt").max(100, "allow at most 100 attempts").optional(),
      })
      .prefault({}),
    dropout: z
      .object({
        /** Seconds a participant may be offline during play before the policy applies. */
        graceSeconds: z.number().min(0).max(3600).default(60),
        /** bot: a bot takes the seat; wait: the group waits; end: the group ends. */
        policy: z.enum(["bot", "wait", "end"]).default("bot"),
        /** Strategy of the replacing bot (default: the game's default bot). */
        bot: z.string().max(100).optional(),
      })
      .prefault({}),
    bots: z
      .object({
        /** Strategy names for seats filled by bots from the start (seat order). */
        seats: z.array(z.string().max(100)).max(L.maxSeats).default([]),
        /** Think time of bots in live sessions, ms. */
        delayMs: z.number().int().min(0).max(60_000).default(800),
      })
      .prefault({}),
    payment: z
      .object({
        showUpFee: z.number().min(0).max(L.maxMagnitude).default(0),
        /** Money per point. */
        perPoint: z.number().min(0).max(L.maxMagnitude).default(0),
        currency: text(20).default(""),
        /** Whether points from rounds a bot played for a human seat (dropout, experimenter) are paid. */
        payBotRounds: z.boolean().default(true),
      })
      .prefault({}),
    /** Online panels: a parameter name of your own besides Prolific's and MTurk's (e.g. SONA's "id"). */
    panel: z
      .object({
        param: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, "use a query parameter name of letters, digits and underscores, e.g. \"id\"")
          .superRefine((name, ctx) => void (panelParamProblem(name) && ctx.addIssue({ code: "custom", message: panelParamProblem(name)! })))
          .optional(),
      })
      .prefault({}),
    /** The waiting room, where people who finished the intro wait for their group. */
    waitingRoom: z
      .object({
        /**
         * Minutes a person waits for a group at most; then no game takes place for them: they go to the final
         * page (show-up fee, completion code) and leave the waiting room. Unset: they wait until a group
         * forms or the session ends. With random matching a group needs every seat, so set it for online studies.
         */
        maxMinutes: z.number().min(1, "maxMinutes must be at least 1").max(240, "maxMinutes must be at most 240 (4 hours)").optional(),
      })
      .prefault({}),
    /** Taking seats by room code or panel link. */
    join: z
      .object({
        /**
         * At most this many seats taken by joins from one network address (an IPv6 /64 counts as one) per
         * session; unset: no limit (a classroom behind one NAT address joins from one address). For online
         * studies, where everyone has an address of their own: e.g. 2.
         */
        seatsPerAddress: z.number().int("seatsPerAddress is a whole number of seats").min(1, "seatsPerAddress must be at least 1").max(L.maxSeats).optional(),
        /**
         * A room-code join that finds every seat taken takes over a seat the experimenter filled with a bot
         * ("Fill empty seats with bots"): the latecomer reads the intro while the bot plays on, then plays the
         * seat from their next choice (lib/engine/takeover.ts). Unset: true. false: such a join reads "Session full".
         */
        takeOverBots: z.boolean().optional(),
      })
      .prefault({}),
    /** Where to send participants at the end (e.g. the panel's completion link); `{code}` is replaced by their completion code. */
    completionUrl: webAddress.optional(),
    /** Older name of `completionUrl`. */
    redirectUrl: webAddress.optional(),
    /** Exit survey: questions shown after the last round, before the final page (lib/survey/questions.ts). */
    survey: Survey.default([]),
    /** Title participants see (never the treatment name, which may reveal the condition); unset: "Study" in the treatment's language (participantTitleOf). */
    participantTitle: z.string().min(1).max(80).optional(),
    /** The projector's leaderboard (labels and total points of the top places; docs/running-a-study.md). */
    leaderboard: z
      .object({
        /** false: the projector shows no leaderboard (e.g. when points could hint at private types). */
        show: z.boolean().default(true),
        /** How many places the projector lists. */
        top: z.number().int("top is a whole number of places").min(1, "top must be at least 1").max(L.maxLeaderboardTop, `top must be at most ${L.maxLeaderboardTop}`).default(10),
        /**
         * Rank only people who decided at least this many rounds themselves (a round decided by default on
         * time-out or "End phase now", or played by a bot, is not their own); the others are listed below the
         * ranking, unranked, with their points (lib/engine/projector-view.ts `rankedUnder`). More than the
         * session's rounds asks for every round. 0 (default): everyone listed is ranked.
         */
        minOwnRounds: z.number().int("minOwnRounds is a whole number of rounds").min(0, "minOwnRounds must be at least 0").default(0),
      })
      .prefault({}),
    /** At most this many decimals in the numbers shown to participants (unset: each screen's own, 1 to 3). */
    decimals: z.number().int().min(0).max(6).optional(),
    /**
     * The language of every platform text participants see (buttons, status lines, game screens,
     * messages): a catalogue in lib/i18n/messages/. Texts the experimenter writes (consent,
     * instructions, quiz, survey) are shown as written.
     */
    language: z.enum(LOCALES, { error: `use one of ${LOCALES.map((l) => `"${l}"`).join(", ")}` }).default("en"),
  })
  .superRefine(alongside((t, ctx) => {
    if (t.completionUrl && t.redirectUrl)
      ctx.addIssue({ code: "custom", path: ["redirectUrl"], message: "set only completionUrl (redirectUrl is its older name)" });
    t.intro.quiz.forEach((q, i) => {
      if (q.answer >= q.options.length)
        ctx.addIssue({
          code: "custom",
          path: ["intro", "quiz", i, "answer"],
          message: `answer is an option index: use 0 to ${q.options.length - 1}`,
        });
    });
    if (t.intro.quizMaxAttempts !== undefined && t.intro.quiz.length === 0)
      ctx.addIssue({ code: "custom", path: ["intro", "quizMaxAttempts"], message: "quizMaxAttempts limits the quiz's attempts: add quiz questions, or remove quizMaxAttempts" });
  }), ALONGSIDE);
export type Treatment = z.infer<typeof Treatment>;

/** The title participants and the room's screen show: the treatment's, else the catalogue's "Study" in its language ("Studie"). */
export const participantTitleOf = (t: Treatment): string => t.participantTitle ?? translatorFor(t.language)("participant.defaultTitle");

/** A treatment whose params were parsed by its game module. */
export interface LoadedTreatment {
  treatment: Treatment;
  game: AnyGameModule;
  params: unknown;
  groupSize: number;
  seats: number;
  rounds: number;
}

export type TreatmentResult = { ok: true; value: LoadedTreatment } | { ok: false; errors: string[] };

const unknownGame = (id: string, games: Readonly<Record<string, AnyGameModule>>) => `game: unknown game "${id}"; use one of ${Object.keys(games).join(", ")}`;

/** One message per field (zod may report a union's alternatives for one field, which read as contradictions). */
export function onePerField(errors: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    const i = e.indexOf(": ");
    const field = i > 0 ? e.slice(0, i) : e;
    if (seen.has(field)) continue;
    seen.add(field);
    out.push(e);
  }
  return out;
}

/** Bot names the game does not have (seats and the dropout replacement). */
function botProblems(game: AnyGameModule, seats: readonly string[], dropoutBot: string | undefined): string[] {
  const use = `use one of ${Object.keys(game.bots).join(", ")}`;
  const out = seats.flatMap((s, i) => (hasOwnKey(game.bots, s) ? [] : [`bots.seats[${i}]: unknown bot "${s}"; ${use}`]));
  if (dropoutBot !== undefined && !hasOwnKey(game.bots, dropoutBot)) out.push(`dropout.bot: unknown bot "${dropoutBot}"; ${use}`);
  return out;
}

/**
 * Parse a treatment (object or JSON text) and its game parameters. Errors name the field, e.g.
 * `params.alpha[2]: must be above 0`.
 */
export function loadTreatment(raw: unknown, games: Readonly<Record<string, AnyGameModule>>): TreatmentResult {
  let input = raw;
  if (typeof raw === "string") {
    const j = parseJsonText(raw);
    if (!j.ok) return { ok: false, errors: [`The treatment ${j.message}`] };
    input = j.value;
  }
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { ok: false, errors: [`A treatment is one JSON object { "name": …, "game": …, "params": … }; this is ${jsonKind(input)}.`] };
  const t = Treatment.safeParse(input);
  if (!t.success) {
    // list every error at once: the game's parameter and bot errors too, when the game is known
    const errors = formatZodError(t.error);
    const rec = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
    const g = typeof rec.game === "string" ? own(games, rec.game) : undefined;
    if (g && typeof rec.params === "object" && rec.params !== null && !errors.some((e) => e.startsWith("params"))) {
      const p = g.params.safeParse(rec.params);
      if (!p.success) errors.push(...formatZodError(p.error, "params"));
    } else if (typeof rec.game === "string" && !g) errors.push(unknownGame(rec.game, games));
    if (g) {
      const bots = typeof rec.bots === "object" && rec.bots !== null ? (rec.bots as Record<string, unknown>) : {};
      const dropout = typeof rec.dropout === "object" && rec.dropout !== null ? (rec.dropout as Record<string, unknown>) : {};
      errors.push(...botProblems(g, Array.isArray(bots.seats) ? bots.seats.filter((x): x is string => typeof x === "string") : [], typeof dropout.bot === "string" ? dropout.bot : undefined));
    }
    return { ok: false, errors: onePerField(errors) };
  }
  const sizeProblems = paramSizeProblems(t.data.params);
  if (sizeProblems.length) return { ok: false, errors: sizeProblems };
  const game = own(games, t.data.game);
  if (!game) return { ok: false, errors: [unknownGame(t.data.game, games)] };
  const p = game.params.safeParse(t.data.params);
  const errors = p.success ? [] : formatZodError(p.error, "params");
  errors.push(...botProblems(game, t.data.bots.seats, t.data.dropout.bot));
  if (!p.success) return { ok: false, errors: onePerField(errors) };
  const params = p.data;
  const groupSize = game.groupSize(params);
  const seats = t.data.groups * groupSize;
  if (!Number.isInteger(seats) || seats > L.maxSeats)
    errors.push(`groups: ${t.data.groups} groups of ${groupSize} make ${seats} seats; a session has at most ${L.maxSeats} (run several sessions)`);
  else if (t.data.bots.seats.length > seats) errors.push(`bots.seats: ${t.data.bots.seats.length} bots for ${seats} seats`);
  if (errors.length) return { ok: false, errors: onePerField(errors) };
  return {
    ok: true,
    value: { treatment: t.data, game, params, groupSize, seats, rounds: game.rounds(params) },
  };
}
