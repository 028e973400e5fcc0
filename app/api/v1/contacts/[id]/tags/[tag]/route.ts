import { z } from "zod";
import { removeContactTag } from "@/server/contacts/contact.service";
import { restRoute } from "@/server/rest/handler";

export const DELETE = restRoute(
  { scope: "contacts:write", params: z.object({ id: z.string(), tag: z.string() }) },
  async ({ db, actor, params }) => ({
    status: 200,
    body: await removeContactTag(db, { actor, id: params.id, tag: params.tag }),
  }),
);
