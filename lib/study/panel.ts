/**
 * Online panels: which participant id a join link carries. Prolific appends `PROLIFIC_PID`, `STUDY_ID`
 * and `SESSION_ID`; MTurk `workerId`, `assignmentId` and `hitId`; a treatment may name its own parameter
 * (e.g. SONA's `id`).
 */
import { worded, type Wording } from "../i18n/refusal";
import type { ExternalId } from "../engine/state";

interface PanelSpec {
  source: string;
  idParam: string;
  extra: readonly string[];
}

export const KNOWN_PANELS: readonly PanelSpec[] = [
  { source: "prolific", idParam: "PROLIFIC_PID", extra: ["STUDY_ID", "SESSION_ID"] },
  { source: "mturk", idParam: "workerId", extra: ["assignmentId", "hitId"] },
];

/**
 * Why a treatment's own panel parameter name cannot work, or null: the join link's room code (`code`),
 * a name the known panels already use, or a name every JavaScript object has (`constructor`,
 * `__proto__`, …), which a query record cannot carry as its own key.
 */
export function panelParamProblem(name: string): string | null {
  if (name === "code") return `"code" is the join link's room code: choose another name, e.g. "id"`;
  const known = KNOWN_PANELS.find((p) => p.idParam === name || p.extra.includes(name));
  if (known) return `"${name}" is ${known.source}'s own parameter, read already: leave panel.param out, or choose another name, e.g. "id"`;
  if (name in Object.prototype) return `"${name}" is a reserved name: choose another, e.g. "id"`;
  return null;
}

/** The value of a link parameter the query itself carries (never one inherited from Object.prototype). */
const param = (query: Readonly<Record<string, string>>, name: string): string | undefined => {
  const v: unknown = Object.hasOwn(query, name) ? query[name] : undefined;
  return typeof v === "string" ? v : undefined;
};

/** Ids panels send: letters, digits and - _ . @ (Prolific: 24 hex digits; MTurk: A1B2…; SONA: a number). */
const ID = /^[A-Za-z0-9._@-]{1,100}$/;

export type PanelIdResult =
  | { kind: "id"; external: ExternalId }
  | { kind: "none" }
  | { kind: "invalid"; message: string; wording: Wording };

/** The panel id in a join link's query, if any. `customParam` is the treatment's `panel.param`. */
export function panelIdFromQuery(query: Readonly<Record<string, string>>, customParam?: string): PanelIdResult {
  // MTurk's preview of a HIT opens the link without a worker id: nobody may take a seat (by label either) before accepting
  if (param(query, "assignmentId") === "ASSIGNMENT_ID_NOT_AVAILABLE") return { kind: "invalid", ...worded("mturkPreview") };
  const specs: PanelSpec[] = [...KNOWN_PANELS];
  if (customParam) specs.push({ source: customParam, idParam: customParam, extra: [] });
  for (const spec of specs) {
    const id = param(query, spec.idParam);
    if (id === undefined) continue;
    const value = id.trim();
    if (/[{}%]/.test(value) || value === "")
      return { kind: "invalid", ...worded("panelIdMissing", { param: spec.idParam, value: value || "nothing" }) };
    if (!ID.test(value))
      return { kind: "invalid", ...worded("panelIdInvalid", { param: spec.idParam }) };
    const extra: Record<string, string> = {};
    for (const e of spec.extra) {
      const v = param(query, e)?.trim();
      if (v && ID.test(v)) extra[e] = v;
    }
    return { kind: "id", external: { source: spec.source, id: value, extra } };
  }
  // a panel's own parameters without its participant id (Prolific's STUDY_ID and SESSION_ID without
  // PROLIFIC_PID, MTurk's assignmentId without workerId): the study's link lost the id, and a join by label
  // would leave the person without an id to be matched and paid by
  const panel = KNOWN_PANELS.find((spec) => spec.extra.some((e) => param(query, e) !== undefined));
  if (panel) return { kind: "invalid", ...worded("panelIdAbsent", { param: panel.idParam }) };
  return { kind: "none" };
}
