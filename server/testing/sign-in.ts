// For tests that sign in to accounts without a second factor and want the session.
import type { PasswordSignIn, SignInResult } from "@/server/auth/session.service";

export function sessionOf(outcome: PasswordSignIn): SignInResult {
  if (outcome.next !== "signed_in") throw new Error(`Expected a session, got ${outcome.next}`);
  return outcome;
}
