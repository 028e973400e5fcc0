// Every kind of change the audit log records, for the page's filter. Data only: the UI imports it.
export const AUDIT_KINDS = [
  "api_key.created",
  "api_key.renamed",
  "api_key.scopes_changed",
  "api_key.revoked",
  "hook.created",
  "hook.updated",
  "hook.activated",
  "hook.secret_rotated",
  "hook.disabled",
  "hook.enabled",
  "hook.deleted",
  "user.created",
  "user.password_changed",
  "user.password_reset",
  "user.deleted",
  "automation.created",
  "automation.updated",
  "automation.paused",
  "automation.resumed",
  "automation.deleted",
  "import.started",
  "contact_export.started",
  "settings.branding_changed",
  "settings.time_zone_changed",
  "settings.two_factor_requirement_changed",
] as const;

/** Families of kinds: "hook." filters every hook change. */
export const AUDIT_KIND_FAMILIES = [
  { value: "api_key.", label: "Every API key change" },
  { value: "hook.", label: "Every hook change" },
  { value: "user.", label: "Every admin account change" },
  { value: "automation.", label: "Every automation change" },
  { value: "settings.", label: "Every settings change" },
] as const;
