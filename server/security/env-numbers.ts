/**
 * Settings that are positive numbers, read from the environment over their defaults: a bad value is named
 * in a warning and the default kept (the realtime and page limits).
 */
export function positiveNumbersFromEnv<T extends { [K in keyof T]: number }>(
  defaults: T,
  names: Readonly<Record<keyof T, string>>,
  env: Readonly<Record<string, string | undefined>>,
  warn: (line: string) => void,
): T {
  const out = { ...defaults };
  for (const key of Object.keys(names) as (keyof T)[]) {
    const raw = env[names[key]];
    if (raw === undefined || raw === "") continue;
    const n = Number(raw);
    if (Number.isFinite(n) && n > 0) out[key] = n as T[keyof T];
    else warn(`mechlab: ${names[key]}=${raw} is not a positive number; using ${out[key]}`);
  }
  return out;
}
