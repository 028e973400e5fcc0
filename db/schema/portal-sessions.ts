// Row type of portal_sessions, kept in step with db/migrations/2026_12_06_10_portal_sessions.ts by hand.
import type { Timestamp } from "./foundation";

export interface PortalSessionsTable {
  id: string;
  api_key_id: string;
  /** The admin who made the link; null when the API key made it itself. */
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}
