// Lookups the public pages need beyond the contacts service.
import { sql } from "kysely";
import type { Executor } from "@/db";

export function findContactByEmail(db: Executor, email: string) {
  return db
    .selectFrom("contacts")
    .select(["id", "status"])
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .executeTakeFirst();
}
