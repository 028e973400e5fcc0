// Changes to many contacts at once, from the contacts list's selection. Each contact changes in its
// own transaction through the same service as a single edit, so each raises exactly the events a
// one-by-one edit would (with the admin as their source), and one contact that can't change (gone
// meanwhile, or at its tag limit) doesn't undo the others: it is counted and named instead.
import { z } from "zod";
import type { Db } from "@/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { contactStatus, tagName } from "@/shared/contact.schema";
import { addContactTag, deleteContact, removeContactTag, setContactStatus } from "./contact.service";
import { forgetPopularTags } from "./contact.tags";

export const MAX_BULK_CONTACTS = 500;

export const contactBulkInput = z.object({
  ids: z
    .array(z.string().max(64))
    .min(1, "Select at least one contact.")
    .max(MAX_BULK_CONTACTS, `Select at most ${MAX_BULK_CONTACTS} contacts at a time.`),
  action: z.discriminatedUnion("type", [
    z.object({ type: z.literal("add_tag"), tag: tagName }),
    z.object({ type: z.literal("remove_tag"), tag: z.string().trim().min(1).max(64) }),
    z.object({ type: z.literal("set_status"), status: contactStatus }),
    z.object({ type: z.literal("delete") }),
  ]),
});
export type ContactBulkInput = z.infer<typeof contactBulkInput>;

export interface ContactBulkResult {
  /** Contacts the action was applied to (including those it left as they were, e.g. a tag they had). */
  done: number;
  /** Contacts it could not apply to, with the reason. */
  failed: Array<{ id: string; message: string }>;
}

export async function bulkChangeContacts(
  db: Db,
  options: { actor: Actor; input: ContactBulkInput },
): Promise<ContactBulkResult> {
  const { actor, input } = options;
  const result: ContactBulkResult = { done: 0, failed: [] };
  const { action } = input;
  for (const id of new Set(input.ids)) {
    try {
      if (action.type === "add_tag") await addContactTag(db, { actor, id, tag: action.tag });
      else if (action.type === "remove_tag") await removeContactTag(db, { actor, id, tag: action.tag });
      else if (action.type === "set_status") await setContactStatus(db, { actor, id, status: action.status });
      else await deleteContact(db, { actor, id });
      result.done += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ id, message: error.message });
    }
  }
  if (action.type === "add_tag" || action.type === "remove_tag") forgetPopularTags();
  return result;
}
