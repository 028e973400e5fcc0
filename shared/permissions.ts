// Who may do what, in one place: every action a signed-in user can take, and the roles allowed
// it. tRPC procedures name their action (server/trpc/init.ts refuses any that doesn't), file
// routes check theirs, and the admin UI asks the same table what to disable and why. Pure, so
// client components import it too.

export const ROLES = ["owner", "admin", "marketer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { one: string; many: string; summary: string }> = {
  owner: { one: "Owner", many: "Owners", summary: "Everything, including owners and roles." },
  admin: { one: "Admin", many: "Admins", summary: "Everything but owners." },
  marketer: {
    one: "Marketer",
    many: "Marketers",
    summary: "Contacts, imports, automations and events; hooks read-only; no API keys or settings.",
  },
  viewer: { one: "Viewer", many: "Viewers", summary: "Reads everything but secrets; changes nothing." },
};

const EVERYONE = ROLES;
const EDITORS = ["owner", "admin", "marketer"] as const;
const MANAGERS = ["owner", "admin"] as const;
const READERS_OF_ADMIN_PAGES = ["owner", "admin", "viewer"] as const;

interface Rule {
  roles: readonly Role[];
  /** Finishes "<Role>s can't …": why the action is refused, in the UI and in errors. */
  refusal: string;
}

export const PERMISSIONS = {
  /** Their own password, two-factor sign-in, time zone and signing out. */
  "account.manage": { roles: EVERYONE, refusal: "manage their own account" },
  "contacts.read": { roles: EVERYONE, refusal: "see contacts" },
  "contacts.write": { roles: EDITORS, refusal: "change contacts" },
  "events.read": { roles: EVERYONE, refusal: "see events" },
  "imports.read": { roles: EVERYONE, refusal: "see imports" },
  "imports.write": { roles: EDITORS, refusal: "import contacts" },
  "automations.read": { roles: EVERYONE, refusal: "see automations" },
  "automations.write": { roles: EDITORS, refusal: "change automations" },
  "hooks.read": { roles: EVERYONE, refusal: "see hooks" },
  /** Includes creating a hook and rotating its secret: the only answers that carry a signing secret. */
  "hooks.write": { roles: MANAGERS, refusal: "change hooks or see their secrets" },
  "deliveries.read": { roles: EVERYONE, refusal: "see deliveries" },
  "deliveries.write": { roles: MANAGERS, refusal: "send, redeliver or recover deliveries" },
  "apiKeys.read": { roles: READERS_OF_ADMIN_PAGES, refusal: "see API keys" },
  "apiKeys.write": { roles: MANAGERS, refusal: "create, rename or revoke API keys" },
  "settings.read": { roles: READERS_OF_ADMIN_PAGES, refusal: "see Hookline's settings" },
  "settings.write": { roles: MANAGERS, refusal: "change Hookline's settings" },
  "users.read": { roles: READERS_OF_ADMIN_PAGES, refusal: "see who can sign in" },
  /** Invite, change roles, remove: of admins, marketers and viewers. */
  "users.manage": { roles: MANAGERS, refusal: "invite, change or remove users" },
  /** The same, of owners (making someone an owner included). */
  "owners.manage": { roles: ["owner"], refusal: "invite, change or remove owners" },
  /** The audit log's page and export (issue 18, item 4). */
  "audit.read": { roles: MANAGERS, refusal: "see the audit log" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role);
}

/** "Viewers can't change contacts." */
export function refusalMessage(role: Role, action: Action): string {
  return `${ROLE_LABELS[role].many} can't ${PERMISSIONS[action].refusal}.`;
}

/** The action that managing (inviting, changing, removing) a user of `role` needs. */
export function actionToManage(role: Role): Action {
  return role === "owner" ? "owners.manage" : "users.manage";
}

/** The roles `role` may give to others: an admin can't make owners. */
export function assignableRoles(role: Role): Role[] {
  return ROLES.filter((target) => can(role, actionToManage(target)));
}

/** Settings that bind every user, such as requiring two-factor sign-in. */
export function canChangeSecuritySettings(user: { role: Role }): boolean {
  return can(user.role, "settings.write");
}
