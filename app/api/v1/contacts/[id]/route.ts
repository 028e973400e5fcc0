import { z } from "zod";
import { deleteContact, getContact, updateContact } from "@/server/contacts/contact.service";
import { restRoute } from "@/server/rest/handler";
import { contactUpdateInput } from "@/shared/contact.schema";

const params = z.object({ id: z.string() });

export const GET = restRoute({ scope: "contacts:read", params }, async ({ db, params }) => ({
  status: 200,
  body: await getContact(db, { id: params.id }),
}));

export const PATCH = restRoute(
  { scope: "contacts:write", params, body: contactUpdateInput },
  async ({ db, actor, params, body }) => ({
    status: 200,
    body: await updateContact(db, { actor, id: params.id, input: body }),
  }),
);

export const DELETE = restRoute({ scope: "contacts:write", params }, async ({ db, actor, params }) => {
  await deleteContact(db, { actor, id: params.id });
  return { status: 204 };
});
