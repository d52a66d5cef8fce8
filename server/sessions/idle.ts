/**
 * When sessions leave memory and which are loaded at start. A session is unloaded when nobody is
 * online in it, nothing is queued and no deadline or bot is pending (server/sessions/host.ts
 * `canUnload`), after `endedAfterMs` once it is over or `idleAfterMs` without a command otherwise.
 * At start only running or paused sessions changed within `bootWindowMs` are loaded (their deadlines
 * resume); any other session is loaded, with its state, on the first request for it.
 */
export interface IdlePolicy {
  idleAfterMs: number;
  endedAfterMs: number;
  bootWindowMs: number;
  /** How often idle sessions are looked for. */
  sweepEveryMs: number;
}

export const DEFAULT_IDLE_POLICY: IdlePolicy = {
  idleAfterMs: 30 * 60_000,
  endedAfterMs: 2 * 60_000,
  bootWindowMs: 24 * 3600_000,
  sweepEveryMs: 60_000,
};

/** The default policy with `MECHLAB_IDLE_MINUTES` (unload after) and `MECHLAB_BOOT_WINDOW_HOURS` applied. */
export function idlePolicyFromEnv(env: Readonly<Record<string, string | undefined>> = process.env, warn: (line: string) => void = console.warn): IdlePolicy {
  const p = { ...DEFAULT_IDLE_POLICY };
  const read = (name: string, unitMs: number, apply: (ms: number) => void) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return;
    const n = Number(raw);
    if (Number.isFinite(n) && n > 0) apply(n * unitMs);
    else warn(`mechlab: ${name}=${raw} is not a positive number; using the default`);
  };
  read("MECHLAB_IDLE_MINUTES", 60_000, (ms) => (p.idleAfterMs = ms));
  read("MECHLAB_BOOT_WINDOW_HOURS", 3600_000, (ms) => (p.bootWindowMs = ms));
  return p;
}
