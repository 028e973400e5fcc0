import { createContact, listContacts } from "@/server/contacts/contact.service";
import { restRoute } from "@/server/rest/handler";
import { contactCreateInput, contactListQuery } from "@/shared/contact.schema";

export const GET = restRoute({ scope: "contacts:read", query: contactListQuery }, async ({ db, query }) => ({
  status: 200,
  body: await listContacts(db, query),
}));

export const POST = restRoute(
  { scope: "contacts:write", body: contactCreateInput },
  async ({ db, actor, body }) => ({
    status: 201,
    body: await createContact(db, { actor, input: body }),
  }),
);
