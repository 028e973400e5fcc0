import {
  acContactAnswer,
  acContactCreateBody,
  acContactListQuery,
  CONTACT_ATTRIBUTES,
  toAcContact,
} from "@/server/activecampaign/ac.contacts";
import { acRoute } from "@/server/activecampaign/ac.handler";
import { createContact, listContactsByOffset } from "@/server/contacts/contact.service";

export const GET = acRoute({ scope: "contacts:read", query: acContactListQuery }, async ({ db, query }) => {
  const page = await listContactsByOffset(db, {
    email: query.email,
    q: query.search,
    tag: query.tagid,
    limit: query.limit,
    offset: query.offset,
  });
  return {
    status: 200,
    body: { scoreValues: [], contacts: page.data.map(toAcContact), meta: { total: String(page.total) } },
  };
});

export const POST = acRoute(
  { scope: "contacts:write", body: acContactCreateBody, attributes: CONTACT_ATTRIBUTES },
  async ({ db, actor, body }) => ({
    status: 201,
    body: acContactAnswer(await createContact(db, { actor, input: body })),
  }),
);
