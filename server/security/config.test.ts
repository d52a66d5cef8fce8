/**
 * TRUST_PROXY and MECHLAB_SECURE_COOKIES are on/off switches: a value the server does not understand
 * (Express-style `2`, `loopback`, an address) is refused, naming the setting and the accepted values,
 * instead of silently meaning "no proxy" (then a whole class behind the proxy shares one join limit).
 */
import { describe, expect, it } from "vitest";
import { securityConfigFromEnv, switchFromEnv } from "./config";

describe("security switches", () => {
  it("1/true/yes/on is on and 0/false/no/off/empty/unset is off, in any case and with spaces", () => {
    for (const v of ["1", "true", "TRUE", "yes", "On", " 1 "]) expect(securityConfigFromEnv({ TRUST_PROXY: v, MECHLAB_SECURE_COOKIES: v }), v).toMatchObject({ trustProxy: true, secureCookies: true });
    for (const v of [undefined, "", " ", "0", "false", "No", "OFF"]) expect(securityConfigFromEnv({ TRUST_PROXY: v, MECHLAB_SECURE_COOKIES: v }), String(v)).toMatchObject({ trustProxy: false, secureCookies: false });
  });

  it("anything else is refused, naming the setting, the accepted values and the value given", () => {
    for (const v of ["2", "loopback", "127.0.0.1", "10.0.0.0/8", "truee", "y"]) {
      expect(() => securityConfigFromEnv({ TRUST_PROXY: v }), v).toThrow(`TRUST_PROXY must be 1 (also true, yes, on) or 0 (also false, no, off, empty or unset) (got "${v}"); mechlab trusts exactly one proxy`);
      expect(() => securityConfigFromEnv({ MECHLAB_SECURE_COOKIES: v }), v).toThrow(`MECHLAB_SECURE_COOKIES must be 1 (also true, yes, on) or 0 (also false, no, off, empty or unset) (got "${v}")`);
    }
    expect(switchFromEnv({}, "X")).toBe(false);
  });
});
