// Row types of two-factor sign-in, kept in step with db/migrations/2026_12_05_15_two_factor.ts by hand.
import type { Generated } from "kysely";
import type { Timestamp } from "./foundation";

export interface UserTotpTable {
  user_id: string;
  /**
   * Sealed: `v1:` + base64url(iv ‖ tag ‖ AES-256-GCM ciphertext) of the base32 secret
   * (server/auth/two-factor/totp-secret-box.ts); rows from before sealing hold the base32 itself.
   */
  secret: string;
  /** Null while being set up. */
  confirmed_at: Timestamp | null;
  /** The newest 30-second step whose code was accepted: that one and older ones are refused. */
  last_used_step: number | null;
  created_at: Timestamp;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
}

export interface SignInChallengesTable {
  /** SHA-256 of the cookie token. */
  id: string;
  user_id: string;
  failed_attempts: Generated<number>;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface SecuritySettingsTable {
  id: Generated<boolean>;
  require_two_factor: Generated<boolean>;
  updated_at: Timestamp;
}
