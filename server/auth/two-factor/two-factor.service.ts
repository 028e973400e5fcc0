// An admin's own two-factor sign-in: set up with an authenticator app (on once a first code
// confirms it), recovery codes, removal; and checking a second factor wherever one is asked for.
import "server-only";
import { type ExpressionBuilder, sql } from "kysely";
import type { DB, Db, Executor } from "@/db";
import { recordAudit } from "@/server/audit/audit.service";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { logger } from "@/server/logging/logger";
import { verifyPassword } from "../password";
import { assertNotLocked, clearFailures, recordFailure } from "../sign-in-throttle";
import { type QrCodePath, qrCodePath } from "./qr-code";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from "./recovery-codes";
import { isTotpCodeShape, matchTotpStep, newTotpSecret, totpUri } from "./totp";
import { type TotpSecretBox, TotpSecretUnreadable, totpSecretBox } from "./totp-secret-box";

/** How long a set-up may wait for its first code before it must be started again. */
const SETUP_SECONDS = 15 * 60;

export interface TwoFactorStatus {
  enabled: boolean;
  enabled_at: string | null;
  recovery_codes_left: number;
}

export interface TwoFactorSetup {
  /** Base32, for typing into an app that can't scan. */
  secret: string;
  /** otpauth://totp/Hookline:<email>?secret=…&issuer=Hookline */
  uri: string;
  qr: QrCodePath;
}

export async function getTwoFactorStatus(db: Executor, userId: string): Promise<TwoFactorStatus> {
  const row = await db
    .selectFrom("user_totp")
    .select((eb) => [
      "confirmed_at",
      eb
        .selectFrom("recovery_codes")
        .select((inner) => inner.fn.countAll<string>().as("n"))
        .whereRef("recovery_codes.user_id", "=", "user_totp.user_id")
        .as("recovery_codes_left"),
    ])
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  return {
    enabled: row !== undefined,
    enabled_at: row?.confirmed_at?.toISOString() ?? null,
    recovery_codes_left: Number(row?.recovery_codes_left ?? 0),
  };
}

/** In a query over users: whether that user's two-factor sign-in is on. */
export function twoFactorIsOn(eb: ExpressionBuilder<DB, "users">) {
  return eb.exists(
    eb
      .selectFrom("user_totp")
      .select("user_totp.user_id")
      .whereRef("user_totp.user_id", "=", "users.id")
      .where("user_totp.confirmed_at", "is not", null),
  );
}

export async function hasTwoFactor(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("user_totp")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Said when codes can't be checked because the stored secret won't decrypt: the operator changed
 * HOOKLINE_SESSION_SECRET (or the database's generated one) since it was sealed. Recovery codes
 * are hashes, not sealed, so they still work; so does the password, to turn two-factor off.
 */
export const TOTP_SECRET_UNREADABLE_MESSAGE =
  "Codes from your authenticator app can't be checked: this server's secret key (HOOKLINE_SESSION_SECRET) has changed since you set up two-factor sign-in. Use one of your recovery codes instead, then turn two-factor sign-in off with your password and set it up again.";

/** The secret of an account whose two-factor sign-in is on, opened; a row still in the clear is sealed now. */
async function readConfirmedSecret(
  db: Executor,
  box: TotpSecretBox,
  userId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("user_totp")
    .select("secret")
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  if (!row) return undefined;
  try {
    const { secret, plaintext } = box.open(userId, row.secret);
    if (plaintext) await sealStoredSecret(db, box, userId, row.secret);
    return secret;
  } catch (error) {
    if (!(error instanceof TotpSecretUnreadable)) throw error;
    logger("auth").warn(
      { userId },
      "an authenticator secret can't be decrypted: HOOKLINE_SESSION_SECRET changed since it was set up",
    );
    throw new AppError("conflict", TOTP_SECRET_UNREADABLE_MESSAGE);
  }
}

/** Seals a secret stored in the clear (a row from before sealing), if it is still what was read. */
async function sealStoredSecret(db: Executor, box: TotpSecretBox, userId: string, plaintext: string) {
  await db
    .updateTable("user_totp")
    .set({ secret: box.seal(userId, plaintext) })
    .where("user_id", "=", userId)
    .where("secret", "=", plaintext)
    .execute();
}

const alreadyOn = () => new AppError("conflict", "Two-factor sign-in is already on for your account.");

/**
 * Starts setting up: a new secret, kept unconfirmed until `confirmTwoFactorSetup` sees a code made
 * from it. Starting again replaces a set-up that was never confirmed.
 */
export async function beginTwoFactorSetup(db: Db, input: { userId: string }): Promise<TwoFactorSetup> {
  const user = await db
    .selectFrom("users")
    .select("email")
    .where("id", "=", input.userId)
    .executeTakeFirstOrThrow();
  const secret = newTotpSecret();
  const sealed = (await totpSecretBox(db)).seal(input.userId, secret);
  const row = await db
    .insertInto("user_totp")
    .values({ user_id: input.userId, secret: sealed })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet({ secret: sealed, created_at: sql`now()`, last_used_step: null })
        .where("user_totp.confirmed_at", "is", null),
    )
    .returning("user_id")
    .executeTakeFirst();
  if (!row) throw alreadyOn();
  const uri = totpUri(secret, user.email);
  return { secret, uri, qr: qrCodePath(uri) };
}

/**
 * Turns two-factor sign-in on once `code` shows the app computes the same codes, and returns the
 * recovery codes: the only time they are seen.
 */
export async function confirmTwoFactorSetup(
  db: Db,
  input: { userId: string; code: string; actor?: Actor },
): Promise<{ recoveryCodes: string[] }> {
  const box = await totpSecretBox(db);
  return db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom("user_totp")
      .select([
        "secret",
        "confirmed_at",
        sql<boolean>`created_at > now() - make_interval(secs => ${SETUP_SECONDS})`.as("fresh"),
      ])
      .where("user_id", "=", input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (pending?.confirmed_at) throw alreadyOn();
    if (!pending?.fresh) {
      throw new AppError("bad_request", "That set-up has expired. Start again to get a new QR code.");
    }
    const secret = openPendingSecret(box, input.userId, pending.secret);
    const step = matchTotpStep(secret, compact(input.code));
    if (step === null) {
      const message =
        "That code doesn't match. Enter the newest code your app shows; if it still fails, check the phone's clock is set automatically.";
      throw new AppError("validation_failed", message, { details: [{ path: "code", message }] });
    }
    await trx
      .updateTable("user_totp")
      .set({
        confirmed_at: sql`now()`,
        last_used_step: step,
        // Sealed afresh: a set-up begun before secrets were sealed is sealed as it is confirmed.
        secret: box.seal(input.userId, secret),
      })
      .where("user_id", "=", input.userId)
      .execute();
    await auditOwnChange(trx, input, "user.two_factor_enabled");
    return { recoveryCodes: await replaceRecoveryCodes(trx, input.userId) };
  });
}

/** The secret of a set-up not yet confirmed; one sealed under an older key is started again. */
function openPendingSecret(box: TotpSecretBox, userId: string, stored: string): string {
  try {
    return box.open(userId, stored).secret;
  } catch (error) {
    if (!(error instanceof TotpSecretUnreadable)) throw error;
    throw new AppError("bad_request", "That set-up can no longer be read. Start again to get a new QR code.");
  }
}

async function replaceRecoveryCodes(trx: Executor, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("recovery_codes")
    .values(
      codes.map((code) => ({
        user_id: userId,
        code_hash: hashRecoveryCode(userId, normalizeRecoveryCode(code) ?? ""),
      })),
    )
    .execute();
  return codes;
}

/** New recovery codes for old: every unused one stops working. Needs the password or a current code. */
export async function regenerateRecoveryCodes(
  db: Db,
  input: { userId: string; proof: string; actor?: Actor },
): Promise<{ recoveryCodes: string[] }> {
  await confirmIdentity(db, input);
  return db.transaction().execute(async (trx) => {
    if (!(await hasTwoFactor(trx, input.userId))) {
      throw new AppError("conflict", "Two-factor sign-in is off for your account.");
    }
    await auditOwnChange(trx, input, "user.recovery_codes_regenerated");
    return { recoveryCodes: await replaceRecoveryCodes(trx, input.userId) };
  });
}

/** Turns two-factor sign-in off. Needs the password or a current code. */
export async function disableTwoFactor(
  db: Db,
  input: { userId: string; proof: string; actor?: Actor },
): Promise<void> {
  await confirmIdentity(db, input);
  await db.transaction().execute(async (trx) => {
    if (await clearTwoFactor(trx, input.userId)) await auditOwnChange(trx, input, "user.two_factor_disabled");
  });
}

/**
 * The audit row of a change to one's own second factor: that it happened, never a secret or code.
 * The actor is the request's (with its address); by default the account holder.
 */
async function auditOwnChange(
  trx: Executor,
  input: { userId: string; actor?: Actor },
  kind: "user.two_factor_enabled" | "user.two_factor_disabled" | "user.recovery_codes_regenerated",
): Promise<void> {
  const actor =
    input.actor ??
    ({
      source: "admin",
      userId: input.userId,
      email: (
        await trx.selectFrom("users").select("email").where("id", "=", input.userId).executeTakeFirstOrThrow()
      ).email,
    } as const);
  await recordAudit(trx, actor, { kind, objectType: "user", objectId: input.userId });
}

/**
 * Removes every trace of two-factor sign-in from an account: its secret, recovery codes and any
 * sign-in waiting for a code. True when it had been on.
 */
export async function clearTwoFactor(trx: Executor, userId: string): Promise<boolean> {
  const removed = await trx
    .deleteFrom("user_totp")
    .where("user_id", "=", userId)
    .returning("confirmed_at")
    .executeTakeFirst();
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await trx.deleteFrom("sign_in_challenges").where("user_id", "=", userId).execute();
  return Boolean(removed?.confirmed_at);
}

/**
 * Checks a second factor for an account with two-factor sign-in on: a code from the app (each
 * step's code accepted once: a code seen over a shoulder or a phishing page can't be used again),
 * or a recovery code, which is used up. The caller counts a false as a failed sign-in.
 */
export async function verifySecondFactor(
  db: Executor,
  input: { userId: string; code: string; box: TotpSecretBox },
): Promise<"totp" | "recovery_code" | null> {
  const code = compact(input.code);
  if (isTotpCodeShape(code)) return (await acceptTotpCode(db, input.box, input.userId, code)) ? "totp" : null;
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) return null;
  const used = await db
    .deleteFrom("recovery_codes")
    .where("user_id", "=", input.userId)
    .where("code_hash", "=", hashRecoveryCode(input.userId, normalized))
    .returning("user_id")
    .executeTakeFirst();
  return used ? "recovery_code" : null;
}

async function acceptTotpCode(
  db: Executor,
  box: TotpSecretBox,
  userId: string,
  code: string,
): Promise<boolean> {
  const secret = await readConfirmedSecret(db, box, userId);
  const step = secret ? matchTotpStep(secret, code) : null;
  if (step === null) return false;
  // Compare-and-set: of two requests with the same code, one moves the step on and the other finds it moved.
  const accepted = await db
    .updateTable("user_totp")
    .set({ last_used_step: step })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
    .returning("user_id")
    .executeTakeFirst();
  return accepted !== undefined;
}

/**
 * For changes to the second factor itself: the signed-in admin proves it is them with the password
 * or a current code from the app (a session left open is not enough). Wrong answers count towards
 * the account's sign-in lock, like wrong passwords.
 */
async function confirmIdentity(db: Db, input: { userId: string; proof: string }): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select(["email", "password_hash"])
    .where("id", "=", input.userId)
    .executeTakeFirstOrThrow();
  const throttleKey = `email:${user.email}`;
  await assertNotLocked(db, [throttleKey]);
  const proof = compact(input.proof);
  const valid = isTotpCodeShape(proof)
    ? await acceptTotpCode(db, await totpSecretBox(db), input.userId, proof)
    : await verifyPassword(input.proof, user.password_hash);
  if (!valid) {
    await recordFailure(db, [throttleKey]);
    const message = "That isn't your password or a current code from your app.";
    throw new AppError("validation_failed", message, { details: [{ path: "proof", message }] });
  }
  await clearFailures(db, throttleKey);
}

/** Codes are read off a screen: spaces (and the dash of a recovery code) are not part of them. */
function compact(code: string): string {
  return code.replace(/\s/g, "");
}
