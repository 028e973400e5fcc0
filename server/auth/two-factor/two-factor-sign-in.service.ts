// The second step of signing in to an account with two-factor sign-in on: the code (or a
// recovery code) for the challenge the right password opened. Throttled like the password step.
import "server-only";
import type { Db } from "@/db";
import { AppError } from "@/server/errors";
import { createSession, type SignInResult } from "../session.service";
import { assertNotLocked, clearFailures, recordFailure } from "../sign-in-throttle";
import { deleteSignInChallenge, findSignInChallenge, recordWrongCode } from "./sign-in-challenge";
import { totpSecretBox } from "./totp-secret-box";
import { verifySecondFactor } from "./two-factor.service";

export const SIGN_IN_EXPIRED_MESSAGE = "Your sign-in timed out. Enter your password again.";

export async function completeSignIn(
  db: Db,
  input: { challengeToken: string | undefined; code: string; ip: string },
): Promise<SignInResult & { usedRecoveryCode: boolean }> {
  const challenge = await findSignInChallenge(db, input.challengeToken);
  if (!challenge) throw new AppError("unauthorized", SIGN_IN_EXPIRED_MESSAGE);
  const throttleKeys = [`email:${challenge.email}`, `ip:${input.ip}`];
  await assertNotLocked(db, throttleKeys);
  // Read outside the transaction: the key may be read from the database (app-secret.ts).
  const box = await totpSecretBox(db);

  // The challenge's row lock makes two requests with one challenge take turns: the second finds it used.
  const outcome = await db.transaction().execute(async (trx) => {
    const locked = await findSignInChallenge(trx, input.challengeToken, { forUpdate: true });
    if (!locked) return "expired" as const;
    const method = await verifySecondFactor(trx, { userId: locked.userId, code: input.code, box });
    if (!method) {
      await recordWrongCode(trx, locked.id, locked.failed_attempts);
      return "wrong" as const;
    }
    await deleteSignInChallenge(trx, locked.id);
    const session = await createSession(trx, { id: locked.userId });
    return { ...session, usedRecoveryCode: method === "recovery_code" };
  });

  if (outcome === "expired") throw new AppError("unauthorized", SIGN_IN_EXPIRED_MESSAGE);
  if (outcome === "wrong") {
    // Counted like a wrong password, for the account and for the address.
    await recordFailure(db, throttleKeys);
    const message = "That code isn't right. Enter the newest code from your app, or a recovery code.";
    throw new AppError("validation_failed", message, { details: [{ path: "code", message }] });
  }
  await clearFailures(db, throttleKeys[0] as string);
  return outcome;
}
