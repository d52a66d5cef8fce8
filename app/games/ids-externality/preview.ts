/**
 * Pure helpers of the Externality participant UI: read the message form and preview its outcome if
 * the others send the same messages as last time (eq. 10–11 via the mechanism core; own cost, eq. 1).
 */
import { inputText } from "../../lib-client/format";
import { externalityTaxes, type ExternalityMessage, type ExternalityTaxTerms } from "@/lib/mechanisms/ids/externality";
import type { ExternalityView } from "@/lib/games/ids-externality/views";
import { parseDecimal as parseInvestment } from "../../components/kit/number-input";

export interface MessageDraft {
  x: string[];
  pi: string[];
}

/** The form's text for a message: numbers rounded for people (no 0.6931471805599453 in a field). */
export const draftOf = (m: ExternalityMessage): MessageDraft => ({ x: m.x.map((v) => inputText(v)), pi: m.pi.map((v) => inputText(v)) });

/** Parse the form; the first problem names the row (x_j or π_j) and the range, like the server. */
export function readMessage(v: ExternalityView, d: MessageDraft): { ok: true; message: ExternalityMessage } | { ok: false; field: string; message: string } {
  const x: number[] = [];
  const pi: number[] = [];
  for (let j = 0; j < v.n; j++) {
    const a = parseInvestment(d.x[j] ?? "");
    if (a === null || a > v.rules.xMax) return { ok: false, field: `x[${j}]`, message: `The investment you propose for user ${j + 1} must be a number between 0 and ${v.rules.xMax}.` };
    x.push(a);
  }
  for (let j = 0; j < v.n; j++) {
    const b = parseInvestment(d.pi[j] ?? "");
    if (b === null || b > v.rules.piMax) return { ok: false, field: `pi[${j}]`, message: `The price for user ${j + 1} must be a number between 0 and ${v.rules.piMax}.` };
    pi.push(b);
  }
  return { ok: true, message: { x, pi } };
}

export interface MessagePreview {
  x: number[];
  terms: ExternalityTaxTerms;
  risk: number;
  invest: number;
  cost: number;
  netCost: number;
  points: number;
}

/** My outcome if I send `mine` and everyone else repeats `messages` (their last ones). */
export function previewMessage(v: ExternalityView, messages: readonly ExternalityMessage[], mine: ExternalityMessage): MessagePreview {
  const all = messages.map((m, k) => (k === v.me.index ? mine : m));
  const t = externalityTaxes(all);
  let y = 0;
  v.me.weights.forEach((w, j) => (y += w * t.x[j]!));
  const xi = t.x[v.me.index]!;
  const risk = v.me.alpha * Math.exp(-y);
  const invest = v.me.c * xi + (v.me.q * xi * xi) / 2;
  const netCost = risk + invest + t.taxes[v.me.index]!;
  return { x: t.x, terms: t.terms[v.me.index]!, risk, invest, cost: risk + invest, netCost, points: v.rules.pointsScale * (v.rules.endowment - netCost) };
}
