// Whose hooks a caller may see and change — the one rule, for hooks and their deliveries alike,
// always derived from the actor inside the service (never by a route): an API key sees only its own
// hooks, an admin or background work sees them all, a visitor of the public pages none. What is out
// of scope is left out of the `where`, so another integrator's hook is simply not found.
import type { ExpressionBuilder } from "kysely";
import type { DB } from "@/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/events/actor";

/** An API key's own hooks, or `all` (an admin, background work). */
export type HookScope = { apiKeyId: string } | "all";

export function scopeOf(actor: Actor): HookScope {
  switch (actor.source) {
    case "api":
      return { apiKeyId: actor.apiKeyId };
    case "admin":
    case "system":
      return "all";
    case "public":
      throw new AppError("forbidden", "Hooks are managed with an API key or in the admin UI.");
  }
}

/** The scope as a where clause on `hooks`, usable on select, update and delete alike. */
export function ownedBy(scope: HookScope) {
  return (eb: ExpressionBuilder<DB, "hooks">) =>
    scope === "all" ? eb.lit(true) : eb("hooks.api_key_id", "=", scope.apiKeyId);
}
