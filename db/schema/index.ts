import type { AuditLogTable } from "./audit-log";
import type { ContactBulkJobsTable } from "./contact-bulk-jobs";
import type { ContactExportPartsTable, ContactExportsTable } from "./contact-exports";
import type { DeliveriesTable, DeliveryAttemptsTable } from "./deliveries";
import type {
  ApiKeysTable,
  ContactsTable,
  EventsTable,
  SessionsTable,
  SignInThrottleTable,
  UsersTable,
} from "./foundation";
import type { HookDeletionsTable, HooksTable } from "./hooks";
import type {
  AppSecretsTable,
  AutomationRulesTable,
  AutomationRunsTable,
  ImportRejectionsTable,
  ImportsTable,
  PublicRateLimitsTable,
} from "./imports-automations";
import type { InvitationsTable } from "./invitations";
import type { NotificationReadsTable } from "./notifications";
import type { PortalSessionsTable } from "./portal-sessions";
import type { DeliveryRollupsTable, EventRollupsTable } from "./rollups";
import type { SettingsTable } from "./settings";
import type {
  RecoveryCodesTable,
  SecuritySettingsTable,
  SignInChallengesTable,
  UserTotpTable,
} from "./two-factor";

export interface DB {
  users: UsersTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  api_keys: ApiKeysTable;
  contacts: ContactsTable;
  events: EventsTable;
  hooks: HooksTable;
  hook_deletions: HookDeletionsTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  app_secrets: AppSecretsTable;
  public_rate_limits: PublicRateLimitsTable;
  imports: ImportsTable;
  import_rejections: ImportRejectionsTable;
  automation_rules: AutomationRulesTable;
  automation_runs: AutomationRunsTable;
  delivery_rollups: DeliveryRollupsTable;
  event_rollups: EventRollupsTable;
  user_totp: UserTotpTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_challenges: SignInChallengesTable;
  security_settings: SecuritySettingsTable;
  settings: SettingsTable;
  contact_bulk_jobs: ContactBulkJobsTable;
  audit_log: AuditLogTable;
  contact_exports: ContactExportsTable;
  contact_export_parts: ContactExportPartsTable;
  notification_reads: NotificationReadsTable;
  portal_sessions: PortalSessionsTable;
}

export type * from "./audit-log";
export type * from "./contact-bulk-jobs";
export type * from "./contact-exports";
export type * from "./deliveries";
export type * from "./foundation";
export type * from "./hooks";
export type * from "./imports-automations";
export type * from "./invitations";
export type * from "./notifications";
export type * from "./portal-sessions";
export type * from "./rollups";
export type * from "./two-factor";
