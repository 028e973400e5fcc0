// Resetting another user's two-factor sign-in from Settings → Users: the way back for a colleague
// who lost both their phone and their recovery codes, without a shell. Who may reset whom follows
// the rule for every other change to a user (owners anyone, admins all but owners).
import "server-only";
import type { Db } from "@/db";
import { recordAudit } from "@/server/audit/audit.service";
import { AppError, notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { actionToManage } from "@/shared/permissions";
import { assertMayManage, lockUsersForChange } from "../user.service";
import { clearTwoFactor } from "./two-factor.service";

export const OWN_TWO_FACTOR_RESET =
  "You can't reset your own two-factor sign-in here: turn it off or set it up again on the Two-factor sign-in card.";

/**
 * Removes the user's authenticator secret and recovery codes and signs out every session of
 * theirs, so the next sign-in takes the password alone (and, where two-factor is required of
 * everyone, leads straight to setting it up again). One transaction: a refusal changes nothing.
 */
export function resetTwoFactor(
  db: Db,
  input: { actorId: string; id: string; actor: Actor },
): Promise<{ signedOutSessions: number }> {
  if (input.actorId === input.id) return Promise.reject(new AppError("forbidden", OWN_TWO_FACTOR_RESET));
  return db.transaction().execute(async (trx) => {
    const { actorRole } = await lockUsersForChange(trx, input.actorId);
    const target = await trx
      .selectFrom("users")
      .select(["role", "email"])
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!target) throw notFound("user");
    assertMayManage(actorRole, actionToManage(target.role));
    // Thrown inside the transaction: a set-up they had begun but not confirmed comes back too.
    if (!(await clearTwoFactor(trx, input.id))) {
      throw new AppError("conflict", `Two-factor sign-in is already off for ${target.email}.`);
    }
    const deleted = await trx.deleteFrom("sessions").where("user_id", "=", input.id).executeTakeFirst();
    await recordAudit(trx, input.actor, {
      kind: "user.two_factor_reset",
      objectType: "user",
      objectId: input.id,
      changes: { two_factor: { before: true, after: false } },
    });
    return { signedOutSessions: Number(deleted.numDeletedRows) };
  });
}
