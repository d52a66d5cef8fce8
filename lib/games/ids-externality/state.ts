/**
 * One group's round of the Externality mechanism game: message (everyone sends m_i = (x_i, π_i),
 * prefilled with their last message) → results (x̂ of eq. 10, the three terms of the tax of eq. 11,
 * the cost). Rounds repeat the message game: the paper's iterative interpretation (§V).
 */
import type { Wording } from "../../i18n/refusal";
import { z } from "zod";
import { fail, ok, ActionErrorCode, worded } from "../../core/errors";
import { definePhase, type PlayerRoundRecord, type RoundContext } from "../../core/game";
import { externalityTaxes, investmentCost, riskTerm, userCosts, type ExternalityMessage, type ExternalityTaxTerms } from "../../mechanisms/ids";
import { benchmarksOf } from "../ids-mechanisms-common/benchmarks";
import { instanceOf, type ExternalityParams } from "./params";
import type { Instance } from "../ids-mechanisms-common/instance";
import { ContinueAction, resultsPhase as resultsPhase_ } from "../shared/results-phase";

export const ExternalityAction = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message"),
    x: z.array(z.number({ error: "every proposed investment must be a number" }).finite(), { error: "give a proposed investment for every user" }),
    pi: z.array(z.number({ error: "every price must be a number" }).finite(), { error: "give a price for every user" }),
  }),
  ContinueAction,
]);
export type ExternalityAction = z.infer<typeof ExternalityAction>;

/** Everything a round's outcome depends on (the stored mechanism input). */
export interface ExternalityRoundInput {
  truth: Instance;
  messages: ExternalityMessage[];
}

export interface ExternalityRoundOutput {
  /** x̂(m), eq. 10. */
  x: number[];
  taxes: number[];
  terms: ExternalityTaxTerms[];
  /** Σ_i t̂_i (0 up to rounding). */
  budget: number;
  risk: number[];
  invest: number[];
  /** g_i(x̂) (true types). */
  cost: number[];
  /** g_i(x̂) + t̂_i. */
  netCost: number[];
}

export interface ExternalityState {
  /** Messages sent this round (null = not yet). */
  messages: (ExternalityMessage | null)[];
  /** Prefill: each user's last message (round 1: the treatment's starting profile). */
  start: ExternalityMessage[];
  outcome: ExternalityRoundOutput | null;
  continued: boolean[];
}

export type Ctx = RoundContext<ExternalityParams>;

/** The round's outcome from the messages: eq. 10–11 and the true costs (eq. 1, eq. 3). */
export function externalityRound(input: ExternalityRoundInput): ExternalityRoundOutput {
  const t = externalityTaxes(input.messages);
  const n = input.truth.alpha.length;
  const cost = userCosts(input.truth, t.x);
  return {
    x: t.x,
    taxes: t.taxes,
    terms: t.terms,
    budget: t.budget,
    risk: [...Array(n).keys()].map((i) => riskTerm(input.truth, i, t.x)),
    invest: [...Array(n).keys()].map((i) => investmentCost(input.truth, i, t.x[i]!)),
    cost,
    netCost: cost.map((g, i) => g + t.taxes[i]!),
  };
}

/** The treatment's round-1 message for every user. */
export function initialMessage(p: ExternalityParams): ExternalityMessage {
  const n = p.alpha.length;
  const nash = p.start === "nash" ? benchmarksOf(instanceOf(p)).nash?.x : null;
  return { x: (nash ?? Array(n).fill(0)).map((v) => Math.min(p.xMax, v)), pi: Array(n).fill(p.piStart) };
}

/** A message stored in a round record (decision_x_1…, decision_pi_1…), if complete. */
export function messageFromRecord(rec: PlayerRoundRecord | null | undefined, n: number): ExternalityMessage | null {
  if (!rec) return null;
  const x: number[] = [];
  const pi: number[] = [];
  for (let j = 1; j <= n; j++) {
    const a = rec.decision[`x_${j}`];
    const b = rec.decision[`pi_${j}`];
    if (typeof a !== "number" || typeof b !== "number") return null;
    x.push(a);
    pi.push(b);
  }
  return { x, pi };
}

export function setupRound(ctx: Ctx): ExternalityState {
  const init = initialMessage(ctx.params);
  const start = ctx.perSeat((pid) => messageFromRecord(ctx.lastRound(pid), ctx.players.length) ?? { x: init.x.slice(), pi: init.pi.slice() });
  return { messages: ctx.perSeat(() => null), start, outcome: null, continued: ctx.perSeat(() => false) };
}

const fmt = (v: number) => String(Number(v.toPrecision(4)));

/** Validate a message; returns an error (message, field) or null. */
export function checkMessage(p: ExternalityParams, n: number, m: { x: number[]; pi: number[] }): { message: string; wording: Wording; field: string } | null {
  if (m.x.length !== n) return { ...worded("messageInvestmentCount", { n, got: m.x.length }), field: "x" };
  if (m.pi.length !== n) return { ...worded("messagePriceCount", { n, got: m.pi.length }), field: "pi" };
  for (let j = 0; j < n; j++) {
    const v = m.x[j]!;
    if (v < 0 || v > p.xMax) return { ...worded("messageInvestmentRange", { user: j + 1, max: fmt(p.xMax), got: fmt(v) }), field: `x[${j}]` };
  }
  for (let j = 0; j < n; j++) {
    const v = m.pi[j]!;
    if (v < 0 || v > p.piMax) return { ...worded("messagePriceRange", { user: j + 1, max: fmt(p.piMax), got: fmt(v) }), field: `pi[${j}]` };
  }
  return null;
}

const phase = definePhase<ExternalityParams, ExternalityState, ExternalityAction>();

export const messagePhase = phase({
  id: "message",
  label: "Send your message",
  kind: "decision",
  durationMs: (p) => (p.messageSeconds === null ? null : p.messageSeconds * 1000),
  accepts: ["message"],
  pending: (s, ctx) => ctx.players.filter((_, i) => s.messages[i] === null),
  apply(s, a, by, ctx) {
    const bad = checkMessage(ctx.params, ctx.players.length, a);
    if (bad) return fail(ActionErrorCode.OutOfRange, bad, bad.field);
    return ok({ ...s, messages: s.messages.with(ctx.seatOf(by), { x: a.x.slice(), pi: a.pi.slice() }) });
  },
  onTimeout: (s, missing, ctx) => ({
    ...s,
    // the prefilled (last) message
    messages: ctx.perSeat((pid, i) => (missing.includes(pid) ? { x: s.start[i]!.x.slice(), pi: s.start[i]!.pi.slice() } : s.messages[i] ?? null)),
  }),
  onExit: (s, ctx) => ({ ...s, outcome: externalityRound(roundInput(s, ctx.params)) }),
  next: () => "results",
});

/** The stored mechanism input (messages not sent fall back to the prefill, as at a timeout). */
export function roundInput(s: ExternalityState, p: ExternalityParams): ExternalityRoundInput {
  return { truth: instanceOf(p), messages: s.messages.map((m, i) => m ?? s.start[i]!) };
}

export const resultsPhase = resultsPhase_<ExternalityParams, ExternalityState, ExternalityAction, "continue">();
