// For tests that need a contact export's file: start the job, run it to the end, read the file.
import type { Db } from "@/db";
import {
  type ExportJobInput,
  openContactExportFile,
  processContactExports,
  startContactExport,
} from "@/server/contacts/contact.export-job";
import type { Actor } from "@/server/events/actor";
import { BYTE_ORDER_MARK } from "@/server/lib/csv-response";

/** The whole file of a finished export, as the download sends it. */
export async function readContactExport(db: Db, id: string): Promise<string> {
  const file = await openContactExportFile(db, { id });
  let text = BYTE_ORDER_MARK;
  for await (const part of file.parts) text += part;
  return text;
}

export async function exportContactsNow(
  db: Db,
  actor: Actor,
  filter: ExportJobInput["filter"],
  options: { batchSize?: number } = {},
): Promise<string> {
  const started = await startContactExport(db, { actor, input: { filter } });
  await processContactExports(db, "test-worker", options);
  return readContactExport(db, started.id);
}
