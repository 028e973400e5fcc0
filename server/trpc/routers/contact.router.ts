import { z } from "zod";
import { bulkChangeContacts, contactBulkInput } from "@/server/contacts/contact.bulk";
import {
  bulkJobInput,
  contactMatchFilter,
  countContacts,
  getBulkJob,
  startBulkJob,
} from "@/server/contacts/contact.bulk-job";
import {
  deleteContactExport,
  exportJobInput,
  listContactExports,
  startContactExport,
} from "@/server/contacts/contact.export-job";
import {
  contactCreateInput,
  contactListQuery,
  contactStatus,
  contactUpdateInput,
  tagName,
} from "@/server/contacts/contact.schema";
import {
  addContactTag,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  removeContactTag,
  setContactStatus,
  updateContact,
} from "@/server/contacts/contact.service";
import { popularTags } from "@/server/contacts/contact.tags";
import { wakeJobRunner } from "@/server/jobs/job.runner";
import { adminProcedure, router } from "../init";

const id = z.object({ id: z.string().max(64) });

export const contactRouter = router({
  list: adminProcedure.input(contactListQuery).query(({ ctx, input }) => listContacts(ctx.db, input)),
  get: adminProcedure.input(id).query(({ ctx, input }) => getContact(ctx.db, input.id)),
  create: adminProcedure
    .input(contactCreateInput)
    .mutation(({ ctx, input }) => createContact(ctx.db, ctx.actor, input)),
  update: adminProcedure
    .input(id.extend({ changes: contactUpdateInput }))
    .mutation(({ ctx, input }) => updateContact(ctx.db, ctx.actor, input.id, input.changes)),
  setStatus: adminProcedure
    .input(id.extend({ status: contactStatus }))
    .mutation(({ ctx, input }) => setContactStatus(ctx.db, ctx.actor, input.id, input.status)),
  addTag: adminProcedure
    .input(id.extend({ tag: tagName }))
    .mutation(({ ctx, input }) => addContactTag(ctx.db, ctx.actor, input.id, input.tag)),
  removeTag: adminProcedure
    .input(id.extend({ tag: z.string().max(64) }))
    .mutation(({ ctx, input }) => removeContactTag(ctx.db, ctx.actor, input.id, input.tag)),
  delete: adminProcedure.input(id).mutation(({ ctx, input }) => deleteContact(ctx.db, ctx.actor, input.id)),
  /** The tags in use, most used first (suggestions; kept a few minutes per process). */
  tags: adminProcedure.output(z.array(z.string())).query(({ ctx }) => popularTags(ctx.db)),
  /** One action on the selected contacts: tag, untag, set the status, or delete. */
  bulk: adminProcedure
    .input(contactBulkInput)
    .mutation(({ ctx, input }) => bulkChangeContacts(ctx.db, ctx.actor, input)),
  /** How many contacts the filters match: exact up to a bound, an estimate (exact: false) beyond. */
  count: adminProcedure.input(contactMatchFilter).query(({ ctx, input }) => countContacts(ctx.db, input)),
  /** The same action on every contact the filters match, as a background job. */
  bulkAll: adminProcedure.input(bulkJobInput).mutation(async ({ ctx, input }) => {
    const job = await startBulkJob(ctx.db, ctx.actor, input);
    wakeJobRunner();
    return job;
  }),
  bulkJob: adminProcedure.input(id).query(({ ctx, input }) => getBulkJob(ctx.db, input.id)),
  /** Every contact the filters match as a CSV file, written in the background. */
  startExport: adminProcedure.input(exportJobInput).mutation(async ({ ctx, input }) => {
    const started = await startContactExport(ctx.db, ctx.actor, input);
    wakeJobRunner();
    return started;
  }),
  /** The admin's exports still running or downloadable, newest first. */
  exports: adminProcedure.query(({ ctx }) => listContactExports(ctx.db, ctx.actor)),
  deleteExport: adminProcedure
    .input(id)
    .mutation(({ ctx, input }) => deleteContactExport(ctx.db, ctx.actor, input.id)),
});
