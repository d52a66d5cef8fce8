/**
 * Mechanisms as versioned units. A unit is an id, a version, a zod schema of its input and a pure
 * `run(input)`. A game selects a unit, computes the round with `runMechanism(unit, input)` and records
 * `{ id, version, input, output }` (rounds.json), so `mechlab replay` can recompute every stored round
 * with the unit of the recorded id@version (lib/mechanisms/registry.ts).
 *
 * Whatever a round's output depends on is in the input: the parameters, the participants' choices and,
 * for random draws, the RNG state the draws start from (lib/core/rng.ts `splitRng`).
 * Change a unit's computation or input shape → bump its version and keep the old unit registered for as
 * long as recorded data uses it.
 */
import type { z } from "zod";

export interface MechanismUnit<I = unknown, O = unknown> {
  id: string;
  /** Semantic version of the computation (not of the game). */
  version: string;
  /** One line for people: what the unit computes (paper, equations). */
  title: string;
  input: z.ZodType<I>;
  /** Pure: no clock, no Math.random, no I/O; the same input gives the same output. */
  run(input: I): O;
}

/** What a game's score stores for a round (`RoundScore.mechanism`). */
export interface MechanismRecord<I = unknown, O = unknown> {
  id: string;
  version: string;
  input: I;
  output: O;
}

/** Declare a unit; the input type is the schema's output type. */
export function defineMechanism<I, O>(unit: MechanismUnit<I, O>): MechanismUnit<I, O> {
  return unit;
}

/** `unit@version`, as exported in the `mechanism` column. */
export const unitKey = (u: { id: string; version: string }) => `${u.id}@${u.version}`;

/**
 * Validate `input` with the unit's schema and run it: the record a game stores. An input that does not
 * fit the schema is a bug in the game (the game builds it), so this throws with the schema's message.
 */
export function runMechanism<I, O>(unit: MechanismUnit<I, O>, input: I): MechanismRecord<I, O> {
  const valid = validInput(unit, input);
  return { id: unit.id, version: unit.version, input: valid, output: unit.run(valid) };
}

function validInput<I>(unit: MechanismUnit<I, unknown>, input: I): I {
  const parsed = unit.input.safeParse(input);
  if (!parsed.success) throw new Error(`${unitKey(unit)}: invalid input: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/**
 * The record of a round whose output the game computed step by step with the unit's own functions
 * (e.g. an allocation shown to participants before they act on it): the input is validated like in
 * `runMechanism`; `mechlab replay` and the tests check that `unit.run(input)` gives `output`.
 */
export function recordMechanism<I, O>(unit: MechanismUnit<I, O>, input: I, output: O): MechanismRecord<I, O> {
  return { id: unit.id, version: unit.version, input: validInput(unit, input), output };
}
