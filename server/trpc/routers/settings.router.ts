// Settings an admin changes in the UI that are not about their own account.
import { getBranding, saveBranding } from "@/server/settings/branding";
import { branding, brandingInput } from "@/shared/branding.schema";
import { adminProcedure, router } from "../init";

export const settingsRouter = router({
  branding: adminProcedure
    .meta({ permission: "settings.read" })
    .output(branding)
    .query(({ ctx }) => getBranding(ctx.db)),
  saveBranding: adminProcedure
    .meta({ permission: "settings.write" })
    .input(brandingInput)
    .output(branding)
    .mutation(({ ctx, input }) => saveBranding(ctx.db, { actor: ctx.actor, input })),
});
