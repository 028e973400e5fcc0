// Links admins hand out on a contact's behalf.
import { z } from "zod";
import { oneTimeLink } from "@/server/auth/user.schema";
import { unsubscribeUrl } from "@/server/public/unsubscribe.service";
import { adminProcedure, router } from "../init";

export const publicLinkRouter = router({
  unsubscribeUrl: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(z.object({ contactId: z.string().max(64) }))
    .output(oneTimeLink)
    .query(({ ctx, input }) => unsubscribeUrl(ctx.db, input.contactId)),
});
