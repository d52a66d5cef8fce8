/**
 * Cross-field checks that run alongside other errors, so a form lists every problem at once.
 *
 * zod skips an object's `superRefine` as soon as any of its fields failed, so a treatment with a wrong
 * `rounds` and a W matrix of the wrong size reported only the first until it was fixed. Wrapped with
 * {@link alongside}, the check also runs when other fields failed, on a view of the object that refuses
 * to read a failed field: if the check reads one (or throws), everything it reported in that run is
 * dropped, so it never reasons from a value that did not parse. With no earlier error it runs as before.
 *
 *     z.object({...}).superRefine(alongside((p, ctx) => { ... }), ALONGSIDE)
 */
import type { z } from "zod";

const FAILED_FIELD = Symbol("failed field");

type Check<T> = (value: T, ctx: z.RefinementCtx<T>) => void;
type Issue = Parameters<z.RefinementCtx["addIssue"]>[0];

/** `superRefine`'s options for an {@link alongside} check: run it even when other fields failed. */
export const ALONGSIDE = { when: (): boolean => true };

/** `check` made safe to run when other fields failed (pass {@link ALONGSIDE} as superRefine's options). */
export function alongside<T>(check: Check<T>): Check<T> {
  const run: Check<T> = (value, ctx) => {
    const failed = ctx.issues;
    if (failed.length === 0) return check(value, ctx);
    if (typeof value !== "object" || value === null || failed.some((i) => (i.path ?? []).length === 0)) return;
    const bad = new Set<PropertyKey>(failed.map((i) => (i.path ?? [])[0]!));
    const refuse = (key: PropertyKey) => {
      if (bad.has(key)) throw FAILED_FIELD;
    };
    const view = new Proxy(value, {
      get: (t, k, r) => (refuse(k), Reflect.get(t, k, r)),
      has: (t, k) => (refuse(k), Reflect.has(t, k)),
      ownKeys: (t) => (bad.forEach(refuse), Reflect.ownKeys(t)),
      getOwnPropertyDescriptor: (t, k) => (refuse(k), Reflect.getOwnPropertyDescriptor(t, k)),
    });
    const found: Issue[] = [];
    const quiet = { ...ctx, value: view, addIssue: (i: Issue) => void found.push(i) } as z.RefinementCtx<T>;
    try {
      check(view, quiet);
    } catch {
      return; // read a failed field, or could not run on partial input: report nothing from this check
    }
    for (const i of found) ctx.addIssue(i);
  };
  return run;
}

/**
 * Several {@link alongside} checks that run side by side (pass {@link ALONGSIDE} too): each sees only the
 * schema's own failed fields, not the issues its neighbours report, and a check that reads a failed field
 * is dropped alone, so one check's finding (or one bad field) never silences an independent problem.
 */
export function independently<T>(...checks: Check<T>[]): Check<T> {
  return (value, ctx) => {
    const found: Issue[] = [];
    const quiet = { ...ctx, addIssue: (i: Issue) => void found.push(i) } as z.RefinementCtx<T>;
    for (const check of checks) alongside(check)(value, quiet);
    for (const i of found) ctx.addIssue(i);
  };
}

/**
 * A check that needs a well-formed whole (e.g. solving the treatment's game): run like {@link alongside},
 * but only when no cross-field check before it reported a problem, so it never reasons from sizes or
 * options already found wrong.
 */
export function onceSound<T>(check: Check<T>): Check<T> {
  const run = alongside(check);
  return (value, ctx) => {
    if (ctx.issues.some((i) => i.code === "custom")) return;
    run(value, ctx);
  };
}
