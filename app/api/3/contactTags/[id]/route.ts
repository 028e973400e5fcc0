import { parseContactTagId } from "@/server/activecampaign/ac.contacts";
import { acIdParams, acRoute } from "@/server/activecampaign/ac.handler";
import { findContact, removeContactTag } from "@/server/contacts/contact.service";
import { AppError } from "@/server/errors";

// Untags a contact; the id is "<contact id>:<tag>" (server/activecampaign/ac.contacts.ts).
export const DELETE = acRoute(
  { scope: "contacts:write", params: acIdParams, resource: "ContactTag" },
  async ({ db, actor, params }) => {
    const pair = parseContactTagId(params.id);
    const contact = pair && (await findContact(db, { id: pair.contactId }));
    if (!pair || !contact?.tags.includes(pair.tag)) throw new AppError("not_found", "No such contact tag.");
    await removeContactTag(db, { actor, id: pair.contactId, tag: pair.tag });
    return { status: 200, body: {} };
  },
);
