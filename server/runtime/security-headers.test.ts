import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
}

describe("security headers", () => {
  it("allow scripts only by this response's nonce, and no framing", () => {
    const nonce = newNonce();
    const policy = directives(contentSecurityPolicy({ nonce, https: false }));
    expect(policy.get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy.get("script-src")).not.toContain("unsafe");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("use a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("keep a token in the address out of the Referer", () => {
    const base = { nonce: newNonce(), https: false };
    expect(securityHeaders({ ...base, path: "/u/some-token" })["referrer-policy"]).toBe("no-referrer");
    expect(securityHeaders({ ...base, path: "/invitations/some-token" })["referrer-policy"]).toBe(
      "no-referrer",
    );
    expect(securityHeaders({ ...base, path: "/portal/pts_x.y.z/hooks" })["referrer-policy"]).toBe(
      "no-referrer",
    );
    expect(securityHeaders({ ...base, path: "/contacts" })["referrer-policy"]).toBe(
      "strict-origin-when-cross-origin",
    );
  });

  it("let only the configured sites frame the portal's pages, and nothing else of the app", () => {
    const base = { nonce: newNonce(), https: false };
    const sites = ["https://app.example.com", "https://*.partner.example"];
    const portal = securityHeaders({ ...base, path: "/portal/pts_x.y.z", portalFrameAncestors: sites });
    expect(directives(portal["content-security-policy"] ?? "").get("frame-ancestors")).toBe(
      "https://app.example.com https://*.partner.example",
    );
    expect(portal["x-frame-options"]).toBeUndefined();
    for (const path of ["/hooks", "/api-keys", "/sign-in", "/portal", "/api/portal/trpc/hooks.list"]) {
      const other = securityHeaders({ ...base, path, portalFrameAncestors: sites });
      expect(directives(other["content-security-policy"] ?? "").get("frame-ancestors"), path).toBe("'none'");
      expect(other["x-frame-options"], path).toBe("DENY");
    }
    // None by default: the portal is framed by no one.
    for (const portalFrameAncestors of [undefined, []]) {
      const closed = securityHeaders({ ...base, path: "/portal/pts_x.y.z", portalFrameAncestors });
      expect(directives(closed["content-security-policy"] ?? "").get("frame-ancestors")).toBe("'none'");
      expect(closed["x-frame-options"]).toBe("DENY");
    }
  });

  it("add HSTS and upgrade requests only over HTTPS", () => {
    const plain = securityHeaders({ path: "/", nonce: newNonce(), https: false });
    expect(plain["strict-transport-security"]).toBeUndefined();
    const secure = securityHeaders({ path: "/", nonce: newNonce(), https: true });
    expect(secure["strict-transport-security"]).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(directives(secure["content-security-policy"] ?? "").has("upgrade-insecure-requests")).toBe(true);
    expect(secure["x-content-type-options"]).toBe("nosniff");
    expect(secure["x-frame-options"]).toBe("DENY");
    expect(secure["permissions-policy"]).toContain("camera=()");
  });
});
