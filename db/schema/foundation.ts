// Row types of the foundation tables, as Kysely sees them. Kept in step with db/migrations by hand.
import type { ColumnType, Generated } from "kysely";
import type { EventSource } from "@/shared/event.catalogue";

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string, string>;

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: Timestamp;
  /** Set when another admin chose the password; cleared when the admin changes it. */
  must_change_password: Generated<boolean>;
  /** An IANA zone for absolute times in the UI; null shows them in the browser's zone. */
  time_zone: string | null;
  /** Notifications up to this event id are read (mark all read; added in 2026_12_05_34). */
  notifications_read_through: ColumnType<string | null, string | null | undefined, string | null>;
  /** What this user may do (shared/permissions.ts); added in 2026_12_05_18. */
  role: UserRole;
}

export type UserRole = "owner" | "admin" | "marketer" | "viewer";

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database cannot be replayed as cookies. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  /** The first characters of the key, shown in the UI so people can tell keys apart. */
  prefix: string;
  hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** What the key may do (shared/api-key-scopes.ts); null is full access. */
  scopes: string[] | null;
  expires_at: Timestamp | null;
}

export type ContactStatus = "subscribed" | "unsubscribed" | "bounced";

export interface ContactsTable {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  status: ContactStatus;
  tags: string[];
  fields: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type { EventSource };

export interface EventsTable {
  id: string;
  type: string;
  source: EventSource;
  /** Who caused it: a user's email, an API key's name, "contact", or a job name. */
  actor: string;
  /** Set for API-key events so hooks and audits can tell integrators apart. */
  api_key_id: string | null;
  contact_id: string | null;
  /** The contact as the API shows it, frozen at the moment of the change. */
  payload: Json<Record<string, unknown>>;
  /** What changed beyond the snapshot: {"tag": …} for tag events, {"previous": {…}} for updates. */
  detail: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  /** True until the delivery loop has turned the event into deliveries. */
  fanout_pending: Generated<boolean>;
  /** A made-up example sent to one hook (POST /api/v1/hooks/{id}/test); added in 2026_12_05_08. */
  test: Generated<boolean>;
  /** An operational event's: the API key owning the hook it is about (added in 2026_12_05_33). */
  subject_api_key_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}
