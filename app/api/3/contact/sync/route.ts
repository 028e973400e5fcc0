import {
  acContactAnswer,
  acContactCreateBody,
  CONTACT_ATTRIBUTES,
} from "@/server/activecampaign/ac.contacts";
import { acRoute } from "@/server/activecampaign/ac.handler";
import { syncContact } from "@/server/contacts/contact.service";

// Create, or update the contact with that email: 201 when it was created, 200 when it was updated.
export const POST = acRoute(
  { scope: "contacts:write", body: acContactCreateBody, attributes: CONTACT_ATTRIBUTES },
  async ({ db, actor, body }) => {
    const { contact, created } = await syncContact(db, { actor, input: body });
    return { status: created ? 201 : 200, body: acContactAnswer(contact) };
  },
);
