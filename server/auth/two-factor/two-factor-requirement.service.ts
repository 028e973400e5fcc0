// The setting that requires two-factor sign-in of every admin. An admin without it is then let in
// only to set it up (the session says so: SessionUser.mustSetUpTwoFactor).
import "server-only";
import { sql } from "kysely";
import type { Db, Executor } from "@/db";
import { recordAudit } from "@/server/audit/audit.service";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { canChangeSecuritySettings, type Role, refusalMessage } from "@/shared/permissions";
import { hasTwoFactor, twoFactorIsOn } from "./two-factor.service";

export const TWO_FACTOR_SETUP_REQUIRED = "Set up two-factor sign-in to continue: every admin must use it.";

export interface TwoFactorRequirement {
  required: boolean;
  /** Admins who have not set up two-factor sign-in (while required, they must before anything else). */
  admins_without: number;
}

export async function getTwoFactorRequirement(db: Executor): Promise<TwoFactorRequirement> {
  const row = await db
    .selectFrom("security_settings")
    .select((eb) => [
      "require_two_factor",
      eb
        .selectFrom("users")
        .select((inner) => inner.fn.countAll<string>().as("n"))
        .where((inner) => inner.not(twoFactorIsOn(inner)))
        .as("admins_without"),
    ])
    .executeTakeFirstOrThrow();
  return { required: row.require_two_factor, admins_without: Number(row.admins_without ?? 0) };
}

export async function setTwoFactorRequirement(
  db: Db,
  /** `actor` is whose rights and own two-factor count; `auditActor` is how the audit log names them. */
  input: { actor: { id: string; role: Role }; required: boolean; auditActor: Actor },
): Promise<TwoFactorRequirement> {
  if (!canChangeSecuritySettings(input.actor)) {
    throw new AppError("forbidden", refusalMessage(input.actor.role, "settings.write"));
  }
  // Whoever requires it has it: otherwise the change would lock its author out of the page they are on.
  if (input.required && !(await hasTwoFactor(db, input.actor.id))) {
    throw new AppError("forbidden", "Turn on two-factor sign-in for your own account first.");
  }
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("security_settings")
      .select("require_two_factor")
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (before.require_two_factor === input.required) return;
    await trx
      .updateTable("security_settings")
      .set({ require_two_factor: input.required, updated_at: sql`now()` })
      .execute();
    await recordAudit(trx, input.auditActor, {
      kind: "settings.two_factor_requirement_changed",
      objectType: "settings",
      objectId: "security",
      changes: { require_two_factor: { before: before.require_two_factor, after: input.required } },
    });
  });
  return getTwoFactorRequirement(db);
}
