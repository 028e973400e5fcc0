// What an API key may do. A key has full access (scopes null: every key made before scopes
// existed, and any made without a choice) or a list of scopes; each /api/v1 and /api/3 route names
// the one scope it needs (null: any valid key), and the REST wrappers refuse the rest with 403
// (server/rest/scope-guard.ts). Data only: the admin UI imports it too.
import { z } from "zod";

export const API_KEY_SCOPES = ["contacts:read", "contacts:write", "hooks", "deliveries:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** One line per scope, for the admin UI, the OpenAPI document and the reference. */
export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, { label: string; description: string }> = {
  "contacts:read": {
    label: "Contacts: read",
    description: "List, search and read contacts and their fields.",
  },
  "contacts:write": {
    label: "Contacts: write",
    description: "Create, change, tag, untag and delete contacts; each answer shows the contact written.",
  },
  hooks: {
    label: "Hooks",
    description:
      "Subscribe URLs and manage the key's own hooks: change, activate, rotate, delete, ping, test, redeliver, recover.",
  },
  "deliveries:read": {
    label: "Deliveries: read",
    description: "Read the key's own hooks' deliveries and attempts.",
  },
};

export const apiKeyScopesInput = z
  .array(z.enum(API_KEY_SCOPES, { error: `A scope is one of ${API_KEY_SCOPES.join(", ")}.` }))
  .min(1, "Choose at least one scope, or give the key full access.")
  .max(API_KEY_SCOPES.length)
  // Stored once each and in the catalogue's order, so two keys with the same rights look the same.
  .transform((scopes) => API_KEY_SCOPES.filter((scope) => scopes.includes(scope)));

/** null (full access) or a list the database holds; anything unknown in it is dropped. */
export function readScopes(stored: readonly string[] | null): ApiKeyScope[] | null {
  if (stored === null) return null;
  return API_KEY_SCOPES.filter((scope) => stored.includes(scope));
}

export function hasScope(granted: readonly ApiKeyScope[] | null, needed: ApiKeyScope | null): boolean {
  return needed === null || granted === null || granted.includes(needed);
}
