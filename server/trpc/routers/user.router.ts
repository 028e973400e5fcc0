// Users from the settings page: who can sign in, their roles, resetting their two-factor sign-in and
// removing them. New users come by invitation (invitation.router.ts); no one chooses another person's password.
import { z } from "zod";
import { timeZoneSetting } from "@/server/auth/time-zones";
import { twoFactorReset } from "@/server/auth/two-factor/two-factor.schema";
import { resetTwoFactor } from "@/server/auth/two-factor/two-factor-reset.service";
import { passwordChanged, userAdminResource, userResource } from "@/server/auth/user.schema";
import {
  changePassword,
  deleteUser,
  listUsers,
  setTimeZone,
  setUserRole,
  userInput,
} from "@/server/auth/user.service";
import { ROLES } from "@/shared/permissions";
import { adminProcedure, router, signedInProcedure } from "../init";

const role = z.enum(ROLES, { error: "Choose one of the roles: owner, admin, marketer or viewer." });

const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: userInput.shape.password,
  })
  .refine((values) => values.currentPassword !== values.newPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });

export const userRouter = router({
  list: adminProcedure
    .meta({ permission: "users.read" })
    .output(z.array(userAdminResource))
    .query(({ ctx }) => listUsers(ctx.db)),

  /** Owners only for owners (the service checks the user's role against both roles). */
  setRole: adminProcedure
    .meta({ permission: "users.manage" })
    .input(z.object({ id: z.string().max(64), role }))
    .output(userResource)
    .mutation(({ ctx, input }) => setUserRole(ctx.db, { actorId: ctx.user.id, ...input, actor: ctx.actor })),

  // Open before two-factor set-up: an admin given a password chooses their own first.
  changePassword: signedInProcedure
    .meta({ permission: "account.manage" })
    .input(changePasswordInput)
    .output(passwordChanged)
    .mutation(({ ctx, input }) =>
      changePassword(ctx.db, {
        userId: ctx.user.id,
        ...input,
        keepSessionToken: ctx.sessionToken,
        actor: ctx.actor,
      }),
    ),

  setTimeZone: adminProcedure
    .meta({ permission: "account.manage" })
    .input(z.object({ timeZone: timeZoneSetting }))
    .output(z.void())
    .mutation(({ ctx, input }) =>
      setTimeZone(ctx.db, { userId: ctx.user.id, timeZone: input.timeZone, actor: ctx.actor }),
    ),

  /**
   * For someone who lost their phone and recovery codes: removes their second factor and signs
   * them out everywhere. Owners only for owners, never one's own (the service checks both).
   */
  resetTwoFactor: adminProcedure
    .meta({ permission: "users.manage" })
    .input(z.object({ id: z.string().max(64) }))
    .output(twoFactorReset)
    .mutation(({ ctx, input }) =>
      resetTwoFactor(ctx.db, { actorId: ctx.user.id, id: input.id, actor: ctx.actor }),
    ),

  delete: adminProcedure
    .meta({ permission: "users.manage" })
    .input(z.object({ id: z.string().max(64) }))
    .output(z.void())
    .mutation(({ ctx, input }) =>
      deleteUser(ctx.db, { actorId: ctx.user.id, id: input.id, actor: ctx.actor }),
    ),
});
