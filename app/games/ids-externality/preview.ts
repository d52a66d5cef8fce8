/**
 * Pure helpers of the Externality participant UI: read the message form and preview its outcome if
 * the others send the same messages as last time (eq. 10–11 via the mechanism core; own cost, eq. 1).
 */
import { inputText } from "../../lib-client/format";
import { externalityTaxes, type ExternalityMessage, type ExternalityTaxTerms } from "@/lib/mechanisms/ids/externality";
import type { ExternalityView } from "@/lib/games/ids-externality/views";
import { checkNumber } from "../../components/kit/number-input";

export interface MessageDraft {
  x: string[];
  pi: string[];
}

/** The form's text for a message: numbers rounded for people (no 0.6931471805599453 in a field). */
export const draftOf = (m: ExternalityMessage): MessageDraft => ({ x: m.x.map((v) => inputText(v)), pi: m.pi.map((v) => inputText(v)) });

/** The message in the form, or null while a field is empty or breaks its rule (each field shows its own problem). */
export function readMessage(v: Pick<ExternalityView, "n" | "rules">, d: MessageDraft): ExternalityMessage | null {
  const read = (texts: readonly string[], max: number) => {
    const out = Array.from({ length: v.n }, (_, j) => checkNumber(texts[j] ?? "", { min: 0, max }).value);
    return out.every((x): x is number => x !== null) ? out : null;
  };
  const x = read(d.x, v.rules.xMax);
  const pi = read(d.pi, v.rules.piMax);
  return x && pi ? { x, pi } : null;
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
