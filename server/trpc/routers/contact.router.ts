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
import { boundedCount } from "@/server/lib/bounded-count";
import {
  bulkJobResource,
  contactBulkResult,
  contactCreateInput,
  contactExportResource,
  contactListQuery,
  contactPage,
  contactResource,
  contactStatus,
  contactUpdateInput,
  tagName,
} from "@/shared/contact.schema";
import { adminProcedure, router } from "../init";

const id = z.object({ id: z.string().max(64) });

export const contactRouter = router({
  list: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(contactListQuery)
    .output(contactPage)
    .query(({ ctx, input }) => listContacts(ctx.db, input)),
  get: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(id)
    .output(contactResource)
    .query(({ ctx, input }) => getContact(ctx.db, { id: input.id })),
  create: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(contactCreateInput)
    .output(contactResource)
    .mutation(({ ctx, input }) => createContact(ctx.db, { actor: ctx.actor, input })),
  update: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id.extend({ changes: contactUpdateInput }))
    .output(contactResource)
    .mutation(({ ctx, input }) =>
      updateContact(ctx.db, { actor: ctx.actor, id: input.id, input: input.changes }),
    ),
  setStatus: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id.extend({ status: contactStatus }))
    .output(contactResource)
    .mutation(({ ctx, input }) =>
      setContactStatus(ctx.db, { actor: ctx.actor, id: input.id, status: input.status }),
    ),
  addTag: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id.extend({ tag: tagName }))
    .output(contactResource)
    .mutation(({ ctx, input }) => addContactTag(ctx.db, { actor: ctx.actor, id: input.id, tag: input.tag })),
  removeTag: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id.extend({ tag: z.string().max(64) }))
    .output(contactResource)
    .mutation(({ ctx, input }) =>
      removeContactTag(ctx.db, { actor: ctx.actor, id: input.id, tag: input.tag }),
    ),
  delete: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(id)
    .output(z.void())
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
    .output(contactBulkResult)
    .mutation(({ ctx, input }) => bulkChangeContacts(ctx.db, { actor: ctx.actor, input })),
  /** How many contacts the filters match: exact up to a bound, an estimate (exact: false) beyond. */
  count: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(contactMatchFilter)
    .output(boundedCount)
    .query(({ ctx, input }) => countContacts(ctx.db, { filter: input })),
  /** The same action on every contact the filters match, as a background job. */
  bulkAll: adminProcedure
    .meta({ permission: "contacts.write" })
    .input(bulkJobInput)
    .output(bulkJobResource)
    .mutation(async ({ ctx, input }) => {
      const job = await startBulkJob(ctx.db, { actor: ctx.actor, input });
      wakeJobRunner();
      return job;
    }),
  bulkJob: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(id)
    .output(bulkJobResource)
    .query(({ ctx, input }) => getBulkJob(ctx.db, { id: input.id })),
  /** Every contact the filters match as a CSV file, written in the background. */
  startExport: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(exportJobInput)
    .output(contactExportResource)
    .mutation(async ({ ctx, input }) => {
      const started = await startContactExport(ctx.db, { actor: ctx.actor, input });
      wakeJobRunner();
      return started;
    }),
  /** The admin's exports still running or downloadable, newest first. */
  exports: adminProcedure
    .meta({ permission: "contacts.read" })
    .output(z.array(contactExportResource))
    .query(({ ctx }) => listContactExports(ctx.db, { actor: ctx.actor })),
  deleteExport: adminProcedure
    .meta({ permission: "contacts.read" })
    .input(id)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteContactExport(ctx.db, { actor: ctx.actor, id: input.id })),
});
