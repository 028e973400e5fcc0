import { acContactTagBody, toAcContact, toAcContactTags } from "@/server/activecampaign/ac.contacts";
import { acRoute, fieldError, unprocessable } from "@/server/activecampaign/ac.handler";
import { addContactTag } from "@/server/contacts/contact.service";
import { AppError } from "@/server/errors";

// Tags a contact. A tag's id is its name; tagging twice answers the same association again.
export const POST = acRoute(
  { scope: "contacts:write", body: acContactTagBody },
  async ({ db, actor, body }) => {
    const { contact: contactId, tag } = body.contactTag;
    try {
      const contact = await addContactTag(db, { actor, id: contactId, tag });
      const contactTag = toAcContactTags(contact).find((entry) => entry.tag === tag);
      return { status: 201, body: { contacts: [toAcContact(contact)], contactTag } };
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") {
        throw unprocessable([
          fieldError("contact", `No contact has the id ${contactId}.`, "related_missing"),
        ]);
      }
      throw error;
    }
  },
);
