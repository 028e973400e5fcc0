import {
  acContactAnswer,
  acContactUpdateBody,
  CONTACT_ATTRIBUTES,
} from "@/server/activecampaign/ac.contacts";
import { acIdParams, acRoute } from "@/server/activecampaign/ac.handler";
import { deleteContact, getContact, updateContact } from "@/server/contacts/contact.service";

// AC calls a contact a "Subscriber" in its 404s: "No Result found for Subscriber with id 7".
const resource = "Subscriber";

export const GET = acRoute(
  { scope: "contacts:read", params: acIdParams, resource },
  async ({ db, params }) => ({
    status: 200,
    body: acContactAnswer(await getContact(db, { id: params.id }), true),
  }),
);

export const PUT = acRoute(
  {
    scope: "contacts:write",
    params: acIdParams,
    body: acContactUpdateBody,
    resource,
    attributes: CONTACT_ATTRIBUTES,
  },
  async ({ db, actor, params, body }) => ({
    status: 200,
    body: acContactAnswer(await updateContact(db, { actor, id: params.id, input: body, mergeFields: true })),
  }),
);

export const DELETE = acRoute(
  { scope: "contacts:write", params: acIdParams, resource },
  async ({ db, actor, params }) => {
    await deleteContact(db, { actor, id: params.id });
    return { status: 200, body: {} };
  },
);
