/**
 * Deployment settings that decide what the server trusts (read once at start).
 * - TRUST_PROXY=1: a TLS-terminating reverse proxy sits in front; trust its X-Forwarded-For/-Proto.
 * - MECHLAB_ALLOWED_HOSTS=lab.example.org,…: host names the admin may use besides IP addresses,
 *   `localhost` and single-label LAN names (protects against DNS rebinding).
 * - MECHLAB_SECURE_COOKIES=1: always mark the admin cookie Secure (it is anyway on HTTPS requests).
 * The two switches are on with 1/true/yes/on and off with 0/false/no/off, empty or unset; anything else
 * (e.g. Express-style TRUST_PROXY=2, loopback or an address) is refused at start instead of silently
 * meaning "off" — behind a proxy that would make every participant share the proxy's address.
 */
export interface SecurityConfig {
  trustProxy: boolean;
  allowedHosts: string[];
  secureCookies: boolean;
}

const ON = /^(1|true|yes|on)$/i;
const OFF = /^(0|false|no|off)?$/i;

/** An on/off setting: 1/true/yes/on, or 0/false/no/off/empty/unset; anything else throws, naming the setting. */
export function switchFromEnv(env: Readonly<Record<string, string | undefined>>, name: string, hint = ""): boolean {
  const v = env[name];
  if (v === undefined) return false;
  if (ON.test(v.trim())) return true;
  if (OFF.test(v.trim())) return false;
  throw new Error(`${name} must be 1 (also true, yes, on) or 0 (also false, no, off, empty or unset) (got "${v}")${hint}`);
}

export function securityConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): SecurityConfig {
  return {
    trustProxy: switchFromEnv(env, "TRUST_PROXY", "; mechlab trusts exactly one proxy in front of it (the last X-Forwarded-For entry is the client), hop counts and addresses are not supported"),
    allowedHosts: (env.MECHLAB_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    secureCookies: switchFromEnv(env, "MECHLAB_SECURE_COOKIES"),
  };
}
