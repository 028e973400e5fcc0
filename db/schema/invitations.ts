// Row type of invitations, kept in step with db/migrations/2026_12_05_19_invitations.ts by hand.
import type { Timestamp, UserRole } from "./foundation";

export interface InvitationsTable {
  id: string;
  email: string;
  role: UserRole;
  /** SHA-256 of the link's token. */
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  revoked_at: Timestamp | null;
}
