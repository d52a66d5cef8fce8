/**
 * The join address phones open: MECHLAB_PUBLIC_URL checked as an http(s) origin; without it a page opened
 * on localhost warns and names this machine's LAN addresses (sent only to a page requested on a loopback
 * name); the startup lines name where phones on the network join.
 */
import { describe, expect, it } from "vitest";
import { hostnameOf, isLoopbackHost, joinAddress, joinSettings, lanAddresses, parsePublicUrl, reachableAddresses, startupLines, type NetworkInterfaces } from "./join-address";

const NICS: NetworkInterfaces = {
  lo: [
    { address: "127.0.0.1", family: "IPv4", internal: true },
    { address: "::1", family: "IPv6", internal: true },
  ],
  wlan0: [
    { address: "192.168.1.20", family: "IPv4", internal: false },
    { address: "fe80::1", family: "IPv6", internal: false },
  ],
  eth0: [{ address: "10.0.0.5", family: 4, internal: false }],
  usb0: [{ address: "169.254.10.2", family: "IPv4", internal: false }],
};

const page = (origin: string, pathname = "/admin/sessions/s1/projector") => ({ origin, port: new URL(origin).port, pathname });

describe("MECHLAB_PUBLIC_URL", () => {
  it("accepts an http(s) origin (a trailing slash too), normalised", () => {
    expect(parsePublicUrl(undefined)).toEqual({ ok: true, origin: null });
    expect(parsePublicUrl("  ")).toEqual({ ok: true, origin: null });
    expect(parsePublicUrl("https://Lab.Example.org/")).toEqual({ ok: true, origin: "https://lab.example.org" });
    expect(parsePublicUrl("http://192.168.1.20:3000")).toEqual({ ok: true, origin: "http://192.168.1.20:3000" });
  });

  it.each([
    ["lab.example.org", "not a web address"],
    ["ftp://lab.example.org", "http:// or https://"],
    ["https://lab.example.org/mechlab", "origin only"],
    ["https://lab.example.org/?x=1", "origin only"],
    ["https://me:pw@lab.example.org", "user name or password"],
  ])("refuses %s, saying why", (raw, why) => {
    const r = parsePublicUrl(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toContain(why);
  });
});

describe("loopback names and LAN addresses", () => {
  it("knows the names a phone cannot open", () => {
    for (const h of ["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1", "0.0.0.0"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["192.168.1.20", "lab.example.org", "10.0.0.5", "[fe80::1]", "localhost.example.org"]) expect(isLoopbackHost(h), h).toBe(false);
    expect(hostnameOf("127.0.0.1:3123")).toBe("127.0.0.1");
    expect(hostnameOf("[::1]:3000")).toBe("[::1]");
    expect(hostnameOf(null)).toBeNull();
  });

  it("lists non-internal IPv4 addresses, not link-local ones; a server on one address is reachable only there", () => {
    expect(lanAddresses(NICS)).toEqual(["192.168.1.20", "10.0.0.5"]);
    expect(reachableAddresses("0.0.0.0", NICS)).toEqual(["192.168.1.20", "10.0.0.5"]);
    expect(reachableAddresses("127.0.0.1", NICS)).toEqual([]);
    expect(reachableAddresses("10.0.0.5", NICS)).toEqual(["10.0.0.5"]);
  });
});

describe("the join link on the projector and the monitor", () => {
  it("opened on localhost without a public URL: the link says localhost, with a warning naming the LAN addresses of this page", () => {
    const settings = joinSettings({}, "localhost:3000", NICS);
    expect(settings).toEqual({ publicUrl: null, lan: ["192.168.1.20", "10.0.0.5"] });
    // a request from another machine with a Host of localhost learns no LAN address
    expect(joinSettings({}, "localhost:3000", NICS, false).lan).toEqual([]);
    const a = joinAddress(settings, page("http://localhost:3000"), "ABCD2345");
    expect(a.url).toBe("http://localhost:3000/join?code=ABCD2345");
    expect(a.warning).toEqual({
      host: "localhost",
      pageUrls: ["http://192.168.1.20:3000/admin/sessions/s1/projector", "http://10.0.0.5:3000/admin/sessions/s1/projector"],
    });
    expect(joinAddress(joinSettings({}, "[::1]:3000", NICS), page("http://[::1]:3000"), "X").warning?.host).toBe("::1");
  });

  it("with MECHLAB_PUBLIC_URL: the link uses it wherever the page is opened, no warning", () => {
    const settings = joinSettings({ MECHLAB_PUBLIC_URL: "https://lab.example.org" }, "localhost:3000", NICS);
    const a = joinAddress(settings, page("http://localhost:3000"), "ABCD 2345");
    expect(a).toEqual({ url: "https://lab.example.org/join?code=ABCD%202345", warning: null });
  });

  it("an invalid MECHLAB_PUBLIC_URL is ignored (the startup line says why)", () => {
    expect(joinSettings({ MECHLAB_PUBLIC_URL: "lab.example.org" }, "192.168.1.20:3000", NICS).publicUrl).toBeNull();
  });

  it("opened on a LAN address: that address, no warning, and the page is not told the machine's addresses", () => {
    const settings = joinSettings({}, "192.168.1.20:3000", NICS);
    expect(settings.lan).toEqual([]);
    expect(joinAddress(settings, page("http://192.168.1.20:3000"), "ABCD2345")).toEqual({ url: "http://192.168.1.20:3000/join?code=ABCD2345", warning: null });
  });

  it("a server listening on 127.0.0.1 only (behind a proxy): the warning names no address", () => {
    const settings = joinSettings({ HOST: "127.0.0.1" }, "127.0.0.1:3000", NICS);
    expect(joinAddress(settings, page("http://127.0.0.1:3000"), "A").warning).toEqual({ host: "127.0.0.1", pageUrls: [] });
  });
});

describe("startup lines", () => {
  it("name the LAN addresses phones open when the server listens on every address", () => {
    expect(startupLines({ env: {}, host: "0.0.0.0", port: 3000, interfaces: NICS })).toEqual([
      "mechlab: participants on this network: http://192.168.1.20:3000, http://10.0.0.5:3000",
    ]);
  });

  it("name the public URL when it is set, and warn when it is invalid", () => {
    expect(startupLines({ env: { MECHLAB_PUBLIC_URL: "https://lab.example.org/" }, host: "127.0.0.1", port: 3000, interfaces: NICS })).toEqual([
      "mechlab: participants join at https://lab.example.org/join (MECHLAB_PUBLIC_URL)",
    ]);
    const bad = startupLines({ env: { MECHLAB_PUBLIC_URL: "lab.example.org" }, host: "0.0.0.0", port: 3000, interfaces: NICS });
    expect(bad[0]).toMatch(/^mechlab: WARNING: MECHLAB_PUBLIC_URL is ignored: "lab.example.org" is not a web address/);
    expect(bad[1]).toBe("mechlab: participants on this network: http://192.168.1.20:3000, http://10.0.0.5:3000");
  });

  it("say when phones cannot reach the server directly", () => {
    expect(startupLines({ env: {}, host: "127.0.0.1", port: 3000, interfaces: NICS })[0]).toContain("listening on 127.0.0.1 only");
    expect(startupLines({ env: {}, host: "0.0.0.0", port: 3000, interfaces: { lo: NICS.lo } })[0]).toContain("no network address found");
  });
});
