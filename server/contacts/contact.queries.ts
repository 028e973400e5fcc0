// Kysely queries over `contacts`. Each takes the database or the caller's transaction first.
import { type Selectable, sql } from "kysely";
import type { Executor } from "@/db";
import type { ContactsTable } from "@/db/schema";

export type ContactRow = Selectable<ContactsTable>;

const COLUMNS = [
  "id",
  "email",
  "first_name",
  "last_name",
  "phone",
  "status",
  "tags",
  "fields",
  "created_at",
  "updated_at",
] as const;

export function findContactById(db: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("contacts").select(COLUMNS).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function insertContact(
  db: Executor,
  row: Omit<ContactRow, "created_at" | "updated_at" | "fields"> & { fields: string },
) {
  return db.insertInto("contacts").values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export function updateContactRow(
  db: Executor,
  id: string,
  changes: Partial<Omit<ContactRow, "id" | "created_at" | "updated_at" | "fields">> & { fields?: string },
) {
  return db
    .updateTable("contacts")
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export function deleteContactRow(db: Executor, id: string) {
  return db.deleteFrom("contacts").where("id", "=", id).execute();
}

export interface ContactFilter {
  email?: string | undefined;
  q?: string | undefined;
  tag?: string | undefined;
  status?: ContactRow["status"] | undefined;
  /** Keyset: only contacts older than this id. */
  before?: string | undefined;
  limit: number;
}

/** Newest first. Every filter maps onto an index, so a page stays fast at millions of rows. */
export function findContacts(db: Executor, filter: ContactFilter) {
  let query = db.selectFrom("contacts").select(COLUMNS);
  if (filter.email) query = query.where(sql<boolean>`lower(email) = ${filter.email.toLowerCase()}`);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.tag) query = query.where("tags", "@>", sql<string[]>`array[${filter.tag}]::text[]`);
  if (filter.before) query = query.where("id", "<", filter.before);
  const q = filter.q?.toLowerCase();
  if (q) {
    const prefix = `${escapeLike(q)}%`;
    const [first, ...rest] = q.split(/\s+/);
    query = query.where((eb) => {
      const alternatives = [
        sql<boolean>`lower(email) like ${prefix}`,
        sql<boolean>`lower(first_name) like ${prefix}`,
        sql<boolean>`lower(last_name) like ${prefix}`,
      ];
      // "ada lov" finds Ada Lovelace: first word on the first name, the rest on the last name.
      if (rest.length > 0 && first) {
        alternatives.push(
          sql<boolean>`(lower(first_name) = ${first} and lower(last_name) like ${`${escapeLike(rest.join(" "))}%`})`,
        );
      }
      return eb.or(alternatives);
    });
  }
  return query
    .orderBy("id", "desc")
    .limit(filter.limit + 1)
    .execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
