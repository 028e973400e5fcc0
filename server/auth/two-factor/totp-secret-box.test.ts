// Sealing authenticator secrets: what is stored gives nothing away, opens only for its account and
// under its key, says when it can't be opened, and tells a row from before sealing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { clearAppSecretCache } from "@/server/public/app-secret";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { newTotpSecret } from "./totp";
import { TotpSecretUnreadable, totpSecretBox } from "./totp-secret-box";

let database: TestDatabase;
const restoreConfig = overrideConfig({ HOOKLINE_SESSION_SECRET: "" });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  restoreConfig();
  await database?.close();
});

describe("the authenticator secret box", () => {
  it("seals to v1:…, differently each time, and opens only for the same account", async () => {
    const box = await totpSecretBox(database.db);
    const secret = newTotpSecret();
    const one = box.seal("usr_a", secret);
    const two = box.seal("usr_a", secret);
    expect(one).toMatch(/^v1:[\w-]+$/);
    expect(one).not.toBe(two);
    expect(one.toUpperCase()).not.toContain(secret);
    expect(box.open("usr_a", one)).toEqual({ secret, plaintext: false });
    expect(() => box.open("usr_b", one)).toThrow(TotpSecretUnreadable);
  });

  it("refuses an altered, truncated or unknown value, and passes a base32 one from before sealing", async () => {
    const box = await totpSecretBox(database.db);
    const secret = newTotpSecret();
    const sealed = box.seal("usr_a", secret);
    // A character inside the ciphertext (every one carries six whole bits there).
    const altered = `${sealed.slice(0, 40)}${sealed[40] === "A" ? "B" : "A"}${sealed.slice(41)}`;
    expect(() => box.open("usr_a", altered)).toThrow(TotpSecretUnreadable);
    expect(() => box.open("usr_a", "v1:AAAA")).toThrow(TotpSecretUnreadable);
    expect(() => box.open("usr_a", `v2:${sealed.slice(3)}`)).toThrow(TotpSecretUnreadable);
    expect(box.open("usr_a", secret)).toEqual({ secret, plaintext: true });
  });

  it("keys by HOOKLINE_SESSION_SECRET when set, else by the database's own secret, which lasts", async () => {
    const fromDatabase = await totpSecretBox(database.db);
    const sealed = fromDatabase.seal("usr_a", "JBSWY3DPEHPK3PXP");
    clearAppSecretCache(database.db);
    expect((await totpSecretBox(database.db)).open("usr_a", sealed).secret).toBe("JBSWY3DPEHPK3PXP");

    const restore = overrideConfig({ HOOKLINE_SESSION_SECRET: "an operator's secret, long enough to use" });
    try {
      const fromEnvironment = await totpSecretBox(database.db);
      expect(() => fromEnvironment.open("usr_a", sealed)).toThrow(TotpSecretUnreadable);
      const again = fromEnvironment.seal("usr_a", "JBSWY3DPEHPK3PXP");
      expect(() => fromDatabase.open("usr_a", again)).toThrow(TotpSecretUnreadable);
    } finally {
      restore();
    }
  });
});
