/**
 * Deployment settings that decide what the server trusts (read once at start).
 * - TRUST_PROXY=1: a TLS-terminating reverse proxy sits in front; trust its X-Forwarded-For/-Proto.
 * - MECHLAB_ALLOWED_HOSTS=lab.example.org,…: host names the admin may use besides IP addresses,
 *   `localhost` and single-label LAN names (protects against DNS rebinding).
 * - MECHLAB_SECURE_COOKIES=1: always mark the admin cookie Secure (it is anyway on HTTPS requests).
 */
export interface SecurityConfig {
  trustProxy: boolean;
  allowedHosts: string[];
  secureCookies: boolean;
}

const on = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

export function securityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  return {
    trustProxy: on(env.TRUST_PROXY),
    allowedHosts: (env.MECHLAB_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    secureCookies: on(env.MECHLAB_SECURE_COOKIES),
  };
}
