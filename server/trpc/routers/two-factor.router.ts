// The signed-in admin's own two-factor sign-in, and the setting that requires it of every admin.
// Everything here but the setting stays open to an admin who must set it up before anything else.
import { z } from "zod";
import {
  recoveryCodes,
  twoFactorRequirement,
  twoFactorSetup,
  twoFactorStatus,
} from "@/server/auth/two-factor/two-factor.schema";
import {
  beginTwoFactorSetup,
  confirmTwoFactorSetup,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
} from "@/server/auth/two-factor/two-factor.service";
import {
  getTwoFactorRequirement,
  setTwoFactorRequirement,
} from "@/server/auth/two-factor/two-factor-requirement.service";
import { canChangeSecuritySettings } from "@/shared/permissions";
import { adminProcedure, router, signedInProcedure } from "../init";

const code = z.string().trim().min(1, "Enter the code from your app.").max(64);
/** The password, or a current code from the app. */
const proof = z.object({ proof: z.string().min(1, "Enter your password or a code from your app.").max(200) });

export const twoFactorRouter = router({
  status: signedInProcedure
    .meta({ permission: "account.manage" })
    .output(twoFactorStatus)
    .query(({ ctx }) => getTwoFactorStatus(ctx.db, ctx.user.id)),

  beginSetup: signedInProcedure
    .meta({ permission: "account.manage" })
    .output(twoFactorSetup)
    .mutation(({ ctx }) => beginTwoFactorSetup(ctx.db, { userId: ctx.user.id })),

  confirmSetup: signedInProcedure
    .meta({ permission: "account.manage" })
    .input(z.object({ code }))
    .output(recoveryCodes)
    .mutation(({ ctx, input }) =>
      confirmTwoFactorSetup(ctx.db, { userId: ctx.user.id, code: input.code, actor: ctx.actor }),
    ),

  regenerateRecoveryCodes: adminProcedure
    .meta({ permission: "account.manage" })
    .input(proof)
    .output(recoveryCodes)
    .mutation(({ ctx, input }) =>
      regenerateRecoveryCodes(ctx.db, { userId: ctx.user.id, proof: input.proof, actor: ctx.actor }),
    ),

  disable: adminProcedure
    .meta({ permission: "account.manage" })
    .input(proof)
    .output(z.void())
    .mutation(({ ctx, input }) =>
      disableTwoFactor(ctx.db, { userId: ctx.user.id, proof: input.proof, actor: ctx.actor }),
    ),

  // Everyone: the setting binds them too, and their own turning off depends on it.
  requirement: adminProcedure
    .meta({ permission: "account.manage" })
    .output(twoFactorRequirement.extend({ can_change: z.boolean() }))
    .query(async ({ ctx }) => ({
      ...(await getTwoFactorRequirement(ctx.db)),
      can_change: canChangeSecuritySettings(ctx.user),
    })),

  setRequirement: adminProcedure
    .meta({ permission: "settings.write" })
    .input(z.object({ required: z.boolean() }))
    .output(twoFactorRequirement)
    .mutation(({ ctx, input }) =>
      setTwoFactorRequirement(ctx.db, { actor: ctx.user, required: input.required, auditActor: ctx.actor }),
    ),
});
