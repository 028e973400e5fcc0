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
  list: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(contactListQuery)
    .query(({ ctx, input }) => listContacts(ctx.db, input)),
  get: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(id)
    .query(({ ctx, input }) => getContact(ctx.db, { id: input.id })),
  create: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(contactCreateInput)
    .mutation(({ ctx, input }) => createContact(ctx.db, { actor: ctx.actor, input })),
  update: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id.extend({ changes: contactUpdateInput }))
    .mutation(({ ctx, input }) =>
      updateContact(ctx.db, { actor: ctx.actor, id: input.id, input: input.changes }),
    ),
  setStatus: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id.extend({ status: contactStatus }))
    .mutation(({ ctx, input }) =>
      setContactStatus(ctx.db, { actor: ctx.actor, id: input.id, status: input.status }),
    ),
  addTag: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id.extend({ tag: tagName }))
    .mutation(({ ctx, input }) => addContactTag(ctx.db, { actor: ctx.actor, id: input.id, tag: input.tag })),
  removeTag: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id.extend({ tag: z.string().max(64) }))
    .mutation(({ ctx, input }) =>
      removeContactTag(ctx.db, { actor: ctx.actor, id: input.id, tag: input.tag }),
    ),
  delete: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id)
    .mutation(({ ctx, input }) => deleteContact(ctx.db, { actor: ctx.actor, id: input.id })),
  /** The tags in use, most used first (suggestions; kept a few minutes per process). */
  tags: adminProcedure
    .meta({ permission: "contacts.read" })
    .output(z.array(z.string()))
    .query(({ ctx }) => popularTags(ctx.db)),
  /** One action on the selected contacts: tag, untag, set the status, or delete. */
  bulk: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(contactBulkInput)
    .mutation(({ ctx, input }) => bulkChangeContacts(ctx.db, { actor: ctx.actor, input })),
  /** How many contacts the filters match: exact up to a bound, an estimate (exact: false) beyond. */
  count: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(contactMatchFilter)
    .query(({ ctx, input }) => countContacts(ctx.db, { filter: input })),
  /** The same action on every contact the filters match, as a background job. */
  bulkAll: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(bulkJobInput)
    .mutation(async ({ ctx, input }) => {
      const job = await startBulkJob(ctx.db, { actor: ctx.actor, input });
      wakeJobRunner();
      return job;
    }),
  bulkJob: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(id)
    .query(({ ctx, input }) => getBulkJob(ctx.db, { id: input.id })),
  /** Every contact the filters match as a CSV file, written in the background. */
  startExport: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(exportJobInput)
    .mutation(async ({ ctx, input }) => {
      const started = await startContactExport(ctx.db, { actor: ctx.actor, input });
      wakeJobRunner();
      return started;
    }),
  /** The admin's exports still running or downloadable, newest first. */
  exports: adminProcedure
    .meta({ permission: "contacts.read" })
    .query(({ ctx }) => listContactExports(ctx.db, { actor: ctx.actor })),
  deleteExport: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(id)
    .mutation(({ ctx, input }) => deleteContactExport(ctx.db, { actor: ctx.actor, id: input.id })),
});
