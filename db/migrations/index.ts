// Every migration, in order. Listed by hand (not read from disk) so bundlers see them.
import type { Migration } from "kysely";
import * as foundation from "./2026_11_28_0001_foundation";
import * as hooks from "./2026_11_28_0002_hooks";
import * as deliveries from "./2026_11_28_0003_deliveries";
import * as hookVerification from "./2026_11_28_0004_hook_verification";
import * as importsAutomations from "./2026_11_28_0005_imports_automations";
import * as deliveryRollups from "./2026_11_28_0006_delivery_rollups";
import * as deliveryEngineAssert from "./2026_11_28_0007_delivery_engine_assert";
import * as dropDeliveryIdFunction from "./2026_11_28_0008_drop_delivery_id_function";
import * as attemptDataFromEvent from "./2026_11_28_0009_attempt_data_from_event";
import * as cascadeByStatement from "./2026_11_28_0010_cascade_by_statement";
import * as userMustChangePassword from "./2026_11_28_0011_user_must_change_password";
import * as hookDeletions from "./2026_11_28_0012_hook_deletions";
import * as hookKeyByStatement from "./2026_11_28_0013_hook_key_by_statement";
import * as deliveriesByEvent from "./2026_11_28_0014_deliveries_by_event";
import * as hooksHotUpdates from "./2026_12_05_01_hooks_hot_updates";
import * as hookFormat from "./2026_12_05_07_hook_format";
import * as testEvents from "./2026_12_05_08_test_events";
import * as adminTimeZone from "./2026_12_05_10_admin_time_zone";
import * as settings from "./2026_12_05_11_settings";
import * as contactSearch from "./2026_12_05_12_contact_search";
import * as contactBulkJobs from "./2026_12_05_13_contact_bulk_jobs";
import * as twoFactor from "./2026_12_05_15_two_factor";
import * as userRoles from "./2026_12_05_18_user_roles";
import * as invitations from "./2026_12_05_19_invitations";
import * as contactExports from "./2026_12_05_28_contact_exports";
import * as apiKeyScopes from "./2026_12_05_30_api_key_scopes";
import * as auditLog from "./2026_12_05_31_audit_log";
import * as operationalEvents from "./2026_12_05_33_operational_events";
import * as alerts from "./2026_12_05_34_alerts";
import * as portalSessions from "./2026_12_06_10_portal_sessions";

export const migrations: Record<string, Migration> = {
  "2026_11_28_0001_foundation": foundation,
  "2026_11_28_0002_hooks": hooks,
  "2026_11_28_0003_deliveries": deliveries,
  "2026_11_28_0004_hook_verification": hookVerification,
  "2026_11_28_0005_imports_automations": importsAutomations,
  "2026_11_28_0006_delivery_rollups": deliveryRollups,
  "2026_11_28_0007_delivery_engine_assert": deliveryEngineAssert,
  "2026_11_28_0008_drop_delivery_id_function": dropDeliveryIdFunction,
  "2026_11_28_0009_attempt_data_from_event": attemptDataFromEvent,
  "2026_11_28_0010_cascade_by_statement": cascadeByStatement,
  "2026_11_28_0011_user_must_change_password": userMustChangePassword,
  "2026_11_28_0012_hook_deletions": hookDeletions,
  "2026_11_28_0013_hook_key_by_statement": hookKeyByStatement,
  "2026_11_28_0014_deliveries_by_event": deliveriesByEvent,
  "2026_12_05_01_hooks_hot_updates": hooksHotUpdates,
  "2026_12_05_07_hook_format": hookFormat,
  "2026_12_05_08_test_events": testEvents,
  "2026_12_05_10_admin_time_zone": adminTimeZone,
  "2026_12_05_11_settings": settings,
  "2026_12_05_12_contact_search": contactSearch,
  "2026_12_05_13_contact_bulk_jobs": contactBulkJobs,
  "2026_12_05_15_two_factor": twoFactor,
  "2026_12_05_18_user_roles": userRoles,
  "2026_12_05_19_invitations": invitations,
  "2026_12_05_28_contact_exports": contactExports,
  "2026_12_05_30_api_key_scopes": apiKeyScopes,
  "2026_12_05_31_audit_log": auditLog,
  "2026_12_05_33_operational_events": operationalEvents,
  "2026_12_05_34_alerts": alerts,
  "2026_12_06_10_portal_sessions": portalSessions,
};
