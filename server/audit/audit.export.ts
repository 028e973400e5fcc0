// The audit log as filtered on the page, as CSV (GET /audit/export?actor=&kind=&object=&from=&to=),
// read in keyset batches so a long log streams without being held in memory.
import type { Db } from "@/db";
import { AppError } from "@/server/errors";
import { toCsv } from "@/server/lib/csv";
import { AUDIT_COLUMNS, selectAuditLog, toAuditResource } from "./audit.queries";
import { type AuditFilter, auditFilter } from "./audit.schema";

const BATCH = 1000;
/** The log's own columns, its id aside: a row's changes as JSON. */
const HEADER = AUDIT_COLUMNS.filter((column) => column !== "id");

async function* auditCsv(db: Db, filter: AuditFilter): AsyncGenerator<string> {
  let after: string | undefined;
  let header = toCsv([[...HEADER]]);
  for (;;) {
    const rows = (await selectAuditLog(db, filter, after).limit(BATCH).execute()).map(toAuditResource);
    if (rows.length === 0) {
      // An empty log is still a file with its header.
      if (header) yield header;
      return;
    }
    yield `${header}\r\n${toCsv(
      rows.map((row) =>
        HEADER.map((column) => {
          const value = row[column];
          return typeof value === "string" ? value : value === null ? "" : JSON.stringify(value);
        }),
      ),
    )}`;
    header = "";
    if (rows.length < BATCH) return;
    after = rows.at(-1)?.id;
  }
}

/** The export of the log filtered by `query` (the page's filter, as a query string): its rows and file name. */
export function auditExport(
  db: Db,
  query: Record<string, string>,
): { chunks: AsyncGenerator<string>; fileName: string } {
  const parsed = auditFilter.safeParse(query);
  if (!parsed.success) {
    throw new AppError("validation_failed", parsed.error.issues[0]?.message ?? "Invalid filter.");
  }
  const day = new Date().toISOString().slice(0, 10);
  return { chunks: auditCsv(db, parsed.data), fileName: `audit-${day}.csv` };
}
