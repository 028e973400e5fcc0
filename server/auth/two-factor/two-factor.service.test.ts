// Setting up, using and removing two-factor sign-in, against the real database. Codes are computed
// from the secret the set-up hands out, as an authenticator app would, at times the test controls.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { scanTotpUri, setClock, upcomingStepStart } from "@/server/testing/authenticator";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { turnOnTwoFactor } from "@/server/testing/two-factor";
import { signIn } from "../session.service";
import { createUser, resetPassword } from "../user.service";
import { RECOVERY_CODE_COUNT } from "./recovery-codes";
import { totpSecretBox } from "./totp-secret-box";
import {
  beginTwoFactorSetup,
  confirmTwoFactorSetup,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
  verifySecondFactor,
} from "./two-factor.service";

let database: TestDatabase;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A second factor checked as the sign-in does, with this app's key. */
async function verify(input: { userId: string; code: string }) {
  return verifySecondFactor(database.db, { ...input, box: await totpSecretBox(database.db) });
}

const PASSWORD = "a long enough password";
async function newAdmin() {
  counter += 1;
  return createUser(database.db, { email: `admin${counter}@example.com`, password: PASSWORD });
}

describe("setting up", () => {
  it("is on only once a first code from the app confirms it, and hands out recovery codes once", async () => {
    const admin = await newAdmin();
    const setup = await beginTwoFactorSetup(database.db, { userId: admin.id });
    expect(setup.uri).toContain(`otpauth://totp/Hookline:${encodeURIComponent(admin.email)}?`);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.qr.size).toBeGreaterThanOrEqual(21);

    // Not on yet: the password alone still signs in.
    expect(await getTwoFactorStatus(database.db, admin.id)).toMatchObject({ enabled: false });
    await expect(
      signIn(database.db, { email: admin.email, password: PASSWORD, ip: "t" }),
    ).resolves.toMatchObject({
      next: "signed_in",
    });

    const app = scanTotpUri(setup.uri);
    const now = upcomingStepStart();
    setClock(now);
    await expect(
      confirmTwoFactorSetup(database.db, { userId: admin.id, code: app.codeAt(now + 60_000) }),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "code" }] });
    expect(await getTwoFactorStatus(database.db, admin.id)).toMatchObject({ enabled: false });

    // Typed with a space in the middle, as apps show it.
    const code = app.codeAt(now);
    const { recoveryCodes } = await confirmTwoFactorSetup(database.db, {
      userId: admin.id,
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    for (const recovery of recoveryCodes)
      expect(recovery).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(await getTwoFactorStatus(database.db, admin.id)).toMatchObject({
      enabled: true,
      recovery_codes_left: RECOVERY_CODE_COUNT,
    });

    // Stored hashed: no code appears in its table, in either form.
    const stored = JSON.stringify(await database.db.selectFrom("recovery_codes").selectAll().execute());
    for (const recovery of recoveryCodes) {
      expect(stored).not.toContain(recovery);
      expect(stored).not.toContain(recovery.replace("-", ""));
    }
    // The code that confirmed the set-up is used up.
    await expect(verify({ userId: admin.id, code })).resolves.toBeNull();
    // Now the password alone no longer signs in.
    await expect(
      signIn(database.db, { email: admin.email, password: PASSWORD, ip: "t" }),
    ).resolves.toMatchObject({
      next: "second_factor",
    });
  });

  it("starts over with a new secret until confirmed, and not at all once on", async () => {
    const admin = await newAdmin();
    const first = await beginTwoFactorSetup(database.db, { userId: admin.id });
    const second = await beginTwoFactorSetup(database.db, { userId: admin.id });
    expect(second.secret).not.toBe(first.secret);
    // The abandoned secret's codes don't confirm the set-up.
    await expect(
      confirmTwoFactorSetup(database.db, {
        userId: admin.id,
        code: scanTotpUri(first.uri).codeAt(Date.now()),
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await confirmTwoFactorSetup(database.db, {
      userId: admin.id,
      code: scanTotpUri(second.uri).codeAt(Date.now()),
    });
    await expect(beginTwoFactorSetup(database.db, { userId: admin.id })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      confirmTwoFactorSetup(database.db, {
        userId: admin.id,
        code: scanTotpUri(second.uri).codeAt(Date.now()),
      }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("expires when the first code doesn't come within 15 minutes", async () => {
    const admin = await newAdmin();
    const setup = await beginTwoFactorSetup(database.db, { userId: admin.id });
    await database.db
      .updateTable("user_totp")
      .set({ created_at: new Date(Date.now() - 16 * 60_000) })
      .where("user_id", "=", admin.id)
      .execute();
    await expect(
      confirmTwoFactorSetup(database.db, {
        userId: admin.id,
        code: scanTotpUri(setup.uri).codeAt(Date.now()),
      }),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("expired") });
    expect(await getTwoFactorStatus(database.db, admin.id)).toMatchObject({ enabled: false });
  });
});

describe("a second factor", () => {
  it("accepts each step's code once, one step either side of now", async () => {
    const admin = await newAdmin();
    const now = upcomingStepStart();
    setClock(now);
    const { app } = await turnOnTwoFactor(database.db, admin.id); // uses the code of `now`
    const check = (code: string) => verify({ userId: admin.id, code });

    await expect(check(app.codeAt(now))).resolves.toBeNull(); // replayed
    await expect(check(app.codeAt(now - 30_000))).resolves.toBeNull(); // older than one accepted
    await expect(check(app.codeAt(now + 60_000))).resolves.toBeNull(); // too far ahead
    await expect(check(app.codeAt(now + 30_000))).resolves.toBe("totp"); // the next step, early
    await expect(check(app.codeAt(now + 30_000))).resolves.toBeNull(); // and only once
    setClock(now + 60_000);
    await expect(check(app.codeAt(now + 60_000))).resolves.toBe("totp");
  });

  it("takes each recovery code once, however it is typed", async () => {
    const admin = await newAdmin();
    const { recoveryCodes } = await turnOnTwoFactor(database.db, admin.id);
    const [first = "", second = ""] = recoveryCodes;
    const check = (code: string) => verify({ userId: admin.id, code });

    await expect(check(first)).resolves.toBe("recovery_code");
    await expect(check(first)).resolves.toBeNull();
    await expect(check(` ${second.toUpperCase().replace("-", " ")} `)).resolves.toBe("recovery_code");
    await expect(check("zzzzz-zzzzz")).resolves.toBeNull();
    // Another admin's codes are not this admin's.
    const other = await newAdmin();
    const { recoveryCodes: theirs } = await turnOnTwoFactor(database.db, other.id);
    await expect(check(theirs[0] ?? "")).resolves.toBeNull();
    expect(await getTwoFactorStatus(database.db, admin.id)).toMatchObject({
      recovery_codes_left: RECOVERY_CODE_COUNT - 2,
    });
  });

  it("is nothing for an account without two-factor sign-in", async () => {
    const admin = await newAdmin();
    const setup = await beginTwoFactorSetup(database.db, { userId: admin.id }); // never confirmed
    await expect(
      verify({ userId: admin.id, code: scanTotpUri(setup.uri).codeAt(Date.now()) }),
    ).resolves.toBeNull();
  });
});

describe("new recovery codes and removal", () => {
  it("replace every unused recovery code, given the password or a current code", async () => {
    const admin = await newAdmin();
    const now = upcomingStepStart();
    setClock(now);
    const { app, recoveryCodes: old } = await turnOnTwoFactor(database.db, admin.id);
    await expect(
      regenerateRecoveryCodes(database.db, { userId: admin.id, proof: "not my password" }),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "proof" }] });

    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(database.db, {
      userId: admin.id,
      proof: app.codeAt(now + 30_000),
    });
    expect(fresh).toHaveLength(RECOVERY_CODE_COUNT);
    await expect(verify({ userId: admin.id, code: old[0] ?? "" })).resolves.toBeNull();
    await expect(verify({ userId: admin.id, code: fresh[0] ?? "" })).resolves.toBe("recovery_code");
    const again = await regenerateRecoveryCodes(database.db, { userId: admin.id, proof: PASSWORD });
    expect(again.recoveryCodes).not.toEqual(fresh);
  });

  it("turns it off with the password or a current code; wrong answers count towards the sign-in lock", async () => {
    const admin = await newAdmin();
    const now = upcomingStepStart();
    setClock(now);
    const { app } = await turnOnTwoFactor(database.db, admin.id);
    for (const proof of ["wrong password", app.codeAt(now)]) {
      // The code of `now` confirmed the set-up: replayed, it proves nothing.
      await expect(disableTwoFactor(database.db, { userId: admin.id, proof })).rejects.toMatchObject({
        code: "validation_failed",
        details: [{ path: "proof" }],
      });
    }
    const throttle = await database.db
      .selectFrom("sign_in_throttle")
      .select("failures")
      .where("key", "=", `email:${admin.email}`)
      .executeTakeFirstOrThrow();
    expect(throttle.failures).toBe(2);
    expect(await getTwoFactorStatus(database.db, admin.id)).toMatchObject({ enabled: true });

    await disableTwoFactor(database.db, { userId: admin.id, proof: app.codeAt(now + 30_000) });
    expect(await getTwoFactorStatus(database.db, admin.id)).toEqual({
      enabled: false,
      enabled_at: null,
      recovery_codes_left: 0,
    });
    await expect(
      signIn(database.db, { email: admin.email, password: PASSWORD, ip: "t" }),
    ).resolves.toMatchObject({
      next: "signed_in",
    });

    // On again, off with the password.
    await turnOnTwoFactor(database.db, admin.id);
    await disableTwoFactor(database.db, { userId: admin.id, proof: PASSWORD });
    expect(await getTwoFactorStatus(database.db, admin.id)).toMatchObject({ enabled: false });
    expect(
      await database.db
        .selectFrom("recovery_codes")
        .select("user_id")
        .where("user_id", "=", admin.id)
        .execute(),
    ).toEqual([]);
  });

  it("leaves an audit row for each change, naming the account holder, with no code or secret", async () => {
    const admin = await newAdmin();
    const now = upcomingStepStart();
    setClock(now);
    const { app } = await turnOnTwoFactor(database.db, admin.id);
    await regenerateRecoveryCodes(database.db, { userId: admin.id, proof: PASSWORD });
    await expect(
      disableTwoFactor(database.db, { userId: admin.id, proof: "wrong password" }),
    ).rejects.toThrow();
    await disableTwoFactor(database.db, { userId: admin.id, proof: app.codeAt(now + 30_000) });
    // Already off: nothing changed, so nothing to record.
    await disableTwoFactor(database.db, { userId: admin.id, proof: PASSWORD });

    const rows = await database.db
      .selectFrom("audit_log")
      .select(["kind", "actor_type", "actor_id", "actor_label", "object_id", "changes"])
      .where("object_id", "=", admin.id)
      .where("kind", "!=", "user.created")
      .orderBy("id")
      .execute();
    expect(rows.map((row) => row.kind)).toEqual([
      "user.two_factor_enabled",
      "user.recovery_codes_regenerated",
      "user.two_factor_disabled",
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ actor_type: "admin", actor_id: admin.id, actor_label: admin.email });
      expect(row.changes).toEqual({});
    }
  });

  it("is what the operator's password reset does to a locked-out admin", async () => {
    const admin = await newAdmin();
    await turnOnTwoFactor(database.db, admin.id);
    const reset = await resetPassword(database.db, { email: admin.email, password: "a brand new password" });
    expect(reset).toMatchObject({ twoFactorCleared: true });
    expect(await getTwoFactorStatus(database.db, admin.id)).toMatchObject({ enabled: false });
    await expect(
      signIn(database.db, { email: admin.email, password: "a brand new password", ip: "t" }),
    ).resolves.toMatchObject({ next: "signed_in" });
    // Said only when there was something to turn off.
    expect(
      await resetPassword(database.db, { email: admin.email, password: "another new password" }),
    ).toMatchObject({ twoFactorCleared: false });
  });
});
