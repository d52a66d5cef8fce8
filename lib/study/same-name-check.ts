/**
 * A condition's name is what tells it apart in the data: the `treatment` column of every export and the
 * study export's "one treatment" picker (a name and its game). Two sessions of one game under one name but
 * with other parameters would be pooled there as one condition, so the launch check warns before a new
 * session repeats a name with other parameters. Parameters compare as the game parsed them (defaults
 * filled in), as the study report pools sessions (server/export/study-report.ts).
 */
import type { AnyGameModule } from "../core/game";
import { loadTreatment, type LoadedTreatment } from "../engine/treatment";

/** A session stored before: its room code, when it was made, and its treatment as stored. */
export interface EarlierSession {
  code: string;
  createdAt: Date;
  treatmentJson: string;
}

/** At most this many earlier sessions are named in the warning. */
const NAMED = 3;

const day = (d: Date) => d.toISOString().slice(0, 10);

function paramsOf(treatmentJson: string, games: Readonly<Record<string, AnyGameModule>>): string | null {
  let raw: unknown;
  try {
    raw = JSON.parse(treatmentJson);
  } catch {
    return null;
  }
  const lt = loadTreatment(raw, games);
  return lt.ok ? JSON.stringify(lt.value.params) : null;
}

/**
 * The warning for `lt` when earlier sessions of its game have its name but other parameters (null: none).
 * `earlier` are sessions with the same name and game, newest first; one whose treatment no longer loads
 * (a game changed since) is left out.
 */
export function sameNameWarning(lt: LoadedTreatment, earlier: readonly EarlierSession[], games: Readonly<Record<string, AnyGameModule>>): string | null {
  const mine = JSON.stringify(lt.params);
  const other = earlier.filter((e) => {
    const p = paramsOf(e.treatmentJson, games);
    return p !== null && p !== mine;
  });
  if (other.length === 0) return null;
  const named = other
    .slice(0, NAMED)
    .map((e) => `${e.code} (${day(e.createdAt)})`)
    .join(", ");
  const more = other.length > NAMED ? ` and ${other.length - NAMED} more` : "";
  const [which, verb] = other.length === 1 ? ["Session", "uses"] : ["Sessions", "use"];
  return (
    `${which} ${named}${more} already ${verb} the name "${lt.treatment.name}" for ${lt.game.id} with other parameters. ` +
    `Exports tell conditions apart by name (the treatment column, the study export's treatment list), so both ` +
    `would count as one condition: give this one its own name, e.g. "${lt.treatment.name} 2".`
  );
}
