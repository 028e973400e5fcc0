import { z } from "zod";
import { addContactTag } from "@/server/contacts/contact.service";
import { restRoute } from "@/server/rest/handler";
import { contactTagInput } from "@/shared/contact.schema";

export const POST = restRoute(
  { scope: "contacts:write", params: z.object({ id: z.string() }), body: contactTagInput },
  async ({ db, actor, params, body }) => ({
    status: 200,
    body: await addContactTag(db, { actor, id: params.id, tag: body.tag }),
  }),
);
