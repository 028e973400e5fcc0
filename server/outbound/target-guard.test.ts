import { readFileSync } from "node:fs";
import { request, fetch as undiciFetch } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { AppError } from "@/server/errors";
import { type LoopbackReceiver, startLoopbackReceiver } from "@/server/testing/loopback-receiver";
import { assertTargetAllowed, createGuardedAgent, isAddressAllowed, parseTargetUrl } from "./target-guard";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function allow(cidrs: string | undefined) {
  restore?.();
  restore = overrideConfig({ HOOKLINE_ALLOWED_TARGETS: cidrs ?? "" });
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

// A name /etc/hosts maps to a loopback address (other than localhost, which the guard knows by name).
const hostsLoopbackName = (() => {
  try {
    for (const line of readFileSync("/etc/hosts", "utf8").split("\n")) {
      const [address, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
      if (!address?.startsWith("127.")) continue;
      const name = names.find((candidate) => candidate && !/localhost/i.test(candidate));
      if (name) return name;
    }
  } catch {}
  return undefined;
})();

describe("refused targets", () => {
  const refused: Array<[string, string]> = [
    ["loopback", "http://127.0.0.1/"],
    ["loopback, other address in 127/8", "https://127.255.0.9:8443/x"],
    ["loopback as decimal", "http://2130706433/"],
    ["loopback as hex", "http://0x7f000001/"],
    ["loopback as dotted hex", "http://0x7f.0x0.0x0.0x1/"],
    ["loopback short form", "http://127.1/"],
    ["loopback as octal", "http://0177.0.0.1/"],
    ["unspecified", "http://0.0.0.0:8080/"],
    ["unspecified short form", "http://0/"],
    ["private 10/8", "http://10.0.0.1/"],
    ["private 172.16/12", "http://172.16.5.4/"],
    ["private 192.168/16", "http://192.168.1.1/"],
    ["private as decimal", "http://3232235777/"],
    ["CGNAT", "http://100.64.0.1/"],
    ["Alibaba metadata (CGNAT)", "http://100.100.100.200/latest/meta-data"],
    ["link-local", "http://169.254.10.20/"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/"],
    ["Azure wire server", "http://168.63.129.16/"],
    ["multicast", "http://224.0.0.1/"],
    ["broadcast", "http://255.255.255.255/"],
    ["reserved 240/4", "http://240.0.0.1/"],
    ["documentation TEST-NET-1", "http://192.0.2.1/"],
    ["benchmarking", "http://198.18.0.1/"],
    ["IPv6 loopback", "http://[::1]/"],
    ["IPv6 loopback, long form", "http://[0:0:0:0:0:0:0:1]/"],
    ["IPv6 unspecified", "http://[::]/"],
    ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/"],
    ["IPv4-mapped metadata, hex", "http://[::ffff:a9fe:a9fe]/"],
    ["IPv4-mapped private", "http://[::ffff:10.0.0.1]/"],
    ["IPv4-compatible loopback", "http://[::127.0.0.1]/"],
    ["SIIT-translated loopback", "http://[::ffff:0:7f00:1]/"],
    ["IPv6 link-local", "http://[fe80::1]/"],
    ["IPv6 unique local", "http://[fd12:3456::1]/"],
    ["AWS metadata over IPv6", "http://[fd00:ec2::254]/"],
    ["IPv6 multicast", "http://[ff02::1]/"],
    ["IPv6 site-local (deprecated)", "http://[fec0::1]/"],
    ["6to4 of loopback", "http://[2002:7f00:1::]/"],
    ["6to4 of private", "http://[2002:c0a8:101::1]/"],
    ["NAT64 of private", "http://[64:ff9b::10.0.0.1]/"],
    ["NAT64 of metadata", "http://[64:ff9b::a9fe:a9fe]/"],
    ["local-use NAT64", "http://[64:ff9b:1::808:808]/"],
    ["Teredo", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/"],
    ["IPv6 documentation", "http://[2001:db8::1]/"],
    ["localhost", "http://localhost:3000/hook"],
    ["localhost, upper case with trailing dot", "http://LOCALHOST./"],
    ["a .localhost name", "http://api.localhost/"],
  ];

  it.each(refused)("%s: %s → target_not_allowed", async (_label, url) => {
    allow(undefined);
    expect(await codeOf(assertTargetAllowed(url))).toBe("target_not_allowed");
    expect(await codeOf(Promise.resolve().then(() => parseTargetUrl(url)))).toBe("target_not_allowed");
  });

  it("tells whoever runs Hookline which setting allows a refused range", async () => {
    allow(undefined);
    const refusal = await assertTargetAllowed("http://127.0.0.1:8080/hook").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toMatch(
      /^The target 127\.0\.0\.1 is a loopback.*HOOKLINE_ALLOWED_TARGETS\.$/,
    );
  });

  it("has at least 30 cases", () => {
    expect(refused.length).toBeGreaterThanOrEqual(30);
  });

  it.runIf(hostsLoopbackName)("refuses a name that resolves to loopback through /etc/hosts", async () => {
    allow(undefined);
    // Not an IP literal, so parsing alone can't tell; resolution must.
    expect(() => parseTargetUrl(`http://${hostsLoopbackName}/`)).not.toThrow();
    expect(await codeOf(assertTargetAllowed(`http://${hostsLoopbackName}/`))).toBe("target_not_allowed");
  });

  it("refuses a name that does not resolve", async () => {
    expect(await codeOf(assertTargetAllowed("http://no-such-host.invalid/"))).toBe("target_not_allowed");
  });

  const invalid: Array<[string, string]> = [
    ["empty", ""],
    ["not a URL", "not a url"],
    ["relative", "/hooks/1"],
    ["ftp", "ftp://example.org/file"],
    ["file", "file:///etc/passwd"],
    ["gopher", "gopher://example.org:70/"],
    ["javascript", "javascript:alert(1)"],
    ["credentials", "https://user:secret@example.org/hook"],
    ["user name only", "https://user@example.org/hook"],
    ["too long", `https://example.org/${"a".repeat(2100)}`],
  ];

  it.each(invalid)("%s → validation_failed", (_label, url) => {
    let caught: unknown;
    try {
      parseTargetUrl(url);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("validation_failed");
    expect((caught as AppError).details?.[0]?.path).toBe("target_url");
  });
});

describe("allowed targets", () => {
  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.32.0.1", // just outside 172.16/12
    "100.128.0.1", // just outside 100.64/10
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "2002:808:808::1", // 6to4 of a public address
    "64:ff9b::808:808", // NAT64 of a public address
  ])("isAddressAllowed(%s) is true", (address) => {
    allow(undefined);
    expect(isAddressAllowed(address)).toBe(true);
  });

  it.each(["", "example.org", "999.1.1.1", "1.2.3", "::ffff:zz"])("isAddressAllowed(%j) is false", (text) => {
    expect(isAddressAllowed(text)).toBe(false);
  });

  it("parses public targets and normalises them", () => {
    allow(undefined);
    expect(parseTargetUrl("https://example.org/hook/1234").href).toBe("https://example.org/hook/1234");
    expect(parseTargetUrl(" HTTP://Example.ORG:8080/a?b=c ").href).toBe("http://example.org:8080/a?b=c");
    expect(parseTargetUrl("http://134744072/").hostname).toBe("8.8.8.8");
    expect(parseTargetUrl("https://[2606:4700:4700::1111]/x").hostname).toBe("[2606:4700:4700::1111]");
  });

  it("lets an address inside HOOKLINE_ALLOWED_TARGETS through, and only that", async () => {
    allow("127.0.0.0/8, 10.1.2.3");
    expect(isAddressAllowed("127.0.0.1")).toBe(true);
    expect(isAddressAllowed("127.9.9.9")).toBe(true);
    expect(isAddressAllowed("::ffff:127.0.0.1")).toBe(true);
    expect(isAddressAllowed("10.1.2.3")).toBe(true);
    expect(isAddressAllowed("10.1.2.4")).toBe(false);
    expect(isAddressAllowed("::1")).toBe(false);
    await expect(assertTargetAllowed("http://127.0.0.1:9/")).resolves.toBeUndefined();
    await expect(assertTargetAllowed("http://2130706433/")).resolves.toBeUndefined();
    // localhost may also mean ::1, which the list does not cover.
    expect(await codeOf(assertTargetAllowed("http://localhost/"))).toBe("target_not_allowed");
    allow("127.0.0.0/8,::1/128");
    await expect(assertTargetAllowed("http://localhost/")).resolves.toBeUndefined();
    allow(undefined);
    expect(isAddressAllowed("127.0.0.1")).toBe(false);
  });

  it("refuses a malformed allow-list at start rather than guessing what it meant", () => {
    expect(() => allow("not-a-cidr, 127.0.0.1/99")).toThrow(/^HOOKLINE_ALLOWED_TARGETS must be/);
    expect(isAddressAllowed("127.0.0.1")).toBe(false);
  });
});

describe("createGuardedAgent", () => {
  let primary: LoopbackReceiver;
  let other: LoopbackReceiver;
  let primaryPort: number;
  let otherPort: number;
  const hits = {
    get primary() {
      return primary.requests.length;
    },
    get other() {
      return other.requests.length;
    },
  };

  beforeAll(async () => {
    other = await startLoopbackReceiver({
      host: "127.0.0.2",
      respond: (_, res) => {
        res.writeHead(200).end("internal");
      },
    });
    otherPort = other.port;
    primary = await startLoopbackReceiver({
      respond: ({ path }, res) => {
        if (path === "/redirect") {
          res.writeHead(302, { location: `http://127.0.0.2:${otherPort}/secret` }).end();
          return;
        }
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      },
    });
    primaryPort = primary.port;
  });
  afterAll(async () => {
    await primary.close();
    await other.close();
  });

  it("refuses a loopback IP literal at connect time, before any byte is sent", async () => {
    allow(undefined);
    const agent = createGuardedAgent();
    const before = hits.primary;
    expect(await codeOf(request(`http://127.0.0.1:${primaryPort}/`, { dispatcher: agent }))).toBe(
      "target_not_allowed",
    );
    expect(hits.primary).toBe(before);
    await agent.close();
  });

  it.runIf(hostsLoopbackName)("refuses a host name whose resolved address is loopback", async () => {
    allow(undefined);
    const agent = createGuardedAgent();
    const before = hits.primary;
    expect(await codeOf(request(`http://${hostsLoopbackName}:${primaryPort}/`, { dispatcher: agent }))).toBe(
      "target_not_allowed",
    );
    expect(hits.primary).toBe(before);
    // Allowed, the same name connects to the address it resolved.
    allow("127.0.0.0/8");
    const answer = await request(`http://${hostsLoopbackName}:${primaryPort}/`, { dispatcher: agent });
    expect(answer.statusCode).toBe(200);
    await answer.body.text();
    await agent.close();
  });

  it("refuses localhost by name even though net.connect would reach it", async () => {
    allow("127.0.0.0/8");
    const agent = createGuardedAgent();
    expect(await codeOf(request(`http://localhost:${primaryPort}/`, { dispatcher: agent }))).toBe(
      "target_not_allowed",
    );
    await agent.close();
  });

  it("connects to an allowed address", async () => {
    allow("127.0.0.1/32");
    const agent = createGuardedAgent();
    const answer = await request(`http://127.0.0.1:${primaryPort}/`, { dispatcher: agent });
    expect(answer.statusCode).toBe(200);
    expect(await answer.body.text()).toBe("ok");
    await agent.close();
  });

  it("does not follow a redirect from an allowed receiver to a disallowed address", async () => {
    allow("127.0.0.1/32");
    const agent = createGuardedAgent();
    const answer = await request(`http://127.0.0.1:${primaryPort}/redirect`, { dispatcher: agent });
    expect(answer.statusCode).toBe(302);
    await answer.body.text();
    // Even a client that follows redirects by itself cannot reach the private address through the agent.
    const followed = await undiciFetch(`http://127.0.0.1:${primaryPort}/redirect`, {
      dispatcher: agent,
      redirect: "follow",
    }).then(
      () => "followed",
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(followed).toBe("target_not_allowed");
    expect(hits.other).toBe(0);
    await agent.close();
  });

  it("rejects a custom connector function, which would bypass the guard", () => {
    expect(() => createGuardedAgent({ connect: (_options, _callback) => {} })).toThrow(TypeError);
  });
});
