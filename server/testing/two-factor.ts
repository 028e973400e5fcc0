// Turns two-factor sign-in on for a test's admin, as they would in Settings, at the current time
// (real or faked): returns their authenticator app and recovery codes.
import type { Db } from "@/db";
import { beginTwoFactorSetup, confirmTwoFactorSetup } from "@/server/auth/two-factor/two-factor.service";
import { type Authenticator, scanTotpUri } from "./authenticator";

export async function turnOnTwoFactor(
  db: Db,
  userId: string,
): Promise<{ app: Authenticator; recoveryCodes: string[] }> {
  const setup = await beginTwoFactorSetup(db, { userId });
  const app = scanTotpUri(setup.uri);
  const { recoveryCodes } = await confirmTwoFactorSetup(db, { userId, code: app.codeAt(Date.now()) });
  return { app, recoveryCodes };
}
