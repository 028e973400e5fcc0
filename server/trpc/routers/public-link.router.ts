// Links admins hand out on a contact's behalf.
import { z } from "zod";
import { unsubscribeUrl } from "@/server/public/unsubscribe.service";
import { adminProcedure, router } from "../init";

export const publicLinkRouter = router({
  unsubscribeUrl: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(z.object({ contactId: z.string().max(64) }))
    .output(z.object({ path: z.string(), url: z.string().nullable() }))
    .query(({ ctx, input }) => unsubscribeUrl(ctx.db, input.contactId)),
});
