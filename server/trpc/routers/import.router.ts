// CSV imports. The file itself is uploaded to /imports/upload (a raw body is no fit for JSON-RPC).

import { z } from "zod";
import { importId, importPreview, importResource, importStartInput } from "@/server/imports/import.schema";
import { getImport, getImportPreview, listImports, startImport } from "@/server/imports/import.service";
import { wakeJobRunner } from "@/server/jobs/job.runner";
import { adminProcedure, router } from "../init";

export const importRouter = router({
  list: adminProcedure
    .meta({ permission: "imports.read" })
    .output(z.array(importResource))
    .query(({ ctx }) => listImports(ctx.db)),
  get: adminProcedure
    .meta({ permission: "imports.read" })
    .input(importId)
    .output(importResource)
    .query(({ ctx, input }) => getImport(ctx.db, input.id)),
  preview: adminProcedure
    .meta({ permission: "imports.read" })
    .input(importId)
    .output(importPreview)
    .query(({ ctx, input }) => getImportPreview(ctx.db, input.id)),
  start: adminProcedure
    .meta({ permission: "imports.write" })
    .input(importStartInput)
    .output(importResource)
    .mutation(async ({ ctx, input }) => {
      const started = await startImport(ctx.db, input, ctx.actor);
      wakeJobRunner();
      return started;
    }),
});
