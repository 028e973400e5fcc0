// Kysely queries over `contacts`. Each takes the database or the caller's transaction first.
import { type Selectable, sql } from "kysely";
import type { Executor } from "@/db";
import type { ContactsTable } from "@/db/schema";
import { type BoundedCount, countUpTo } from "@/server/lib/bounded-count";
import { escapeLike, TRIGRAM_MIN } from "@/server/lib/sql-like";

export type ContactRow = Selectable<ContactsTable>;

/** The columns of a contact as the API shows it, in the API's field order. */
export const CONTACT_COLUMNS = [
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
  let query = db.selectFrom("contacts").select(CONTACT_COLUMNS).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function insertContact(
  db: Executor,
  row: Omit<ContactRow, "created_at" | "updated_at" | "fields"> & { fields: string },
) {
  return db.insertInto("contacts").values(row).returning(CONTACT_COLUMNS).executeTakeFirstOrThrow();
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
    .returning(CONTACT_COLUMNS)
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

/**
 * Upper bound on matches gathered without ordering. Below it, sorting the matches is cheap; at
 * it, matches are common enough that walking the id index newest-first finds a page quickly.
 */
const PROBE_LIMIT = 1000;

/**
 * Newest first, one keyset page (limit + 1 rows, the extra one says another page exists).
 *
 * A filtered page can't always ride the id index: when a filter matches few rows (a rare tag, a
 * search with no hits) PostgreSQL would walk all of it, newest first, looking for matches. So a
 * filtered page first looks among the newest NEWEST_WINDOW contacts (a common match fills the page
 * there), then probes: gather up to PROBE_LIMIT matching ids in whatever order the indexes give
 * them. Fewer than that means we hold every match and sort just those; otherwise matches are dense
 * and the ordered index walk stops early.
 */
export async function findContacts(db: Executor, filter: ContactFilter) {
  const filtered = Boolean(filter.q || filter.tag || filter.status);
  if (filtered) {
    // Dense matches fill a page from the newest contacts alone, on the id index; only sparse ones
    // need the filter's own indexes (a trigram search on common letters costs tens of ms there).
    const newest = await amongNewest(db, filter, NEWEST_WINDOW);
    if (newest.length > filter.limit) return newest;
    if (newest.length >= DENSE_IN_WINDOW) {
      // Common enough to fill a page from a wider window; the walk stops at the page's last row.
      const wider = await amongNewest(db, filter, WIDER_WINDOW);
      if (wider.length > filter.limit) return wider;
    }
    const candidates = await matching(db, filter).select("id").limit(PROBE_LIMIT).execute();
    if (candidates.length < PROBE_LIMIT) {
      const ids = candidates
        .map((row) => row.id)
        .sort()
        .reverse()
        .slice(0, filter.limit + 1);
      if (ids.length === 0) return [];
      return db
        .selectFrom("contacts")
        .select(CONTACT_COLUMNS)
        .where("id", "in", ids)
        .orderBy("id", "desc")
        .execute();
    }
  }
  return matching(db, filter)
    .select(CONTACT_COLUMNS)
    .orderBy("id", "desc")
    .limit(filter.limit + 1)
    .execute();
}

/**
 * One offset page, oldest first (ActiveCampaign's paging: `limit` and `offset`), and how many match.
 * Oldest first keeps a page where it was while contacts are added: new ones land at the end.
 */
export async function findContactsByOffset(
  db: Executor,
  filter: Omit<ContactFilter, "limit" | "before">,
  page: { limit: number; offset: number },
) {
  const [rows, counted] = await Promise.all([
    matching(db, filter)
      .select(CONTACT_COLUMNS)
      .orderBy("id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    matching(db, filter).select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: counted.total };
}

/**
 * How many of the newest contacts a filtered page looks through first, and how many matches among
 * them (0.25 %) make the wider window worth it (measured with bench:contacts at 1,000,000).
 */
const NEWEST_WINDOW = 2000;
const DENSE_IN_WINDOW = 5;
const WIDER_WINDOW = 20_000;

function amongNewest(db: Executor, filter: ContactFilter, window: number) {
  let newest = db.selectFrom("contacts").select(CONTACT_COLUMNS);
  if (filter.before) newest = newest.where("id", "<", filter.before);
  let query = db.selectFrom(newest.orderBy("id", "desc").limit(window).as("newest")).selectAll();
  for (const condition of conditions(filter)) query = query.where(condition);
  return query
    .orderBy("id", "desc")
    .limit(filter.limit + 1)
    .execute();
}

/**
 * One batch of a full walk over the matching contacts, newest first (for exports): the id index in
 * order, filters applied on the way, so a batch costs the same however far the walk has gone.
 */
export function walkContacts(db: Executor, filter: Omit<ContactFilter, "limit">, batch: number) {
  return matching(db, filter).select(CONTACT_COLUMNS).orderBy("id", "desc").limit(batch).execute();
}

/** How many contacts match: exact up to `bound`, the planner's estimate beyond (see countUpTo). */
export function countContactsMatching(
  db: Executor,
  filter: Omit<ContactFilter, "limit">,
  bound: number,
): Promise<BoundedCount> {
  return countUpTo(db, matching(db, filter).select("id"), bound);
}

/** The next `batch` matching ids below `before`, newest first: a bulk job's walk. */
export async function matchingContactIds(
  db: Executor,
  filter: Omit<ContactFilter, "limit" | "before">,
  before: string | null,
  batch: number,
): Promise<string[]> {
  const rows = await matching(db, { ...filter, before: before ?? undefined })
    .select("id")
    .orderBy("id", "desc")
    .limit(batch)
    .execute();
  return rows.map((row) => row.id);
}

/** The custom field names the matching contacts use, sorted, at most `limit` of them. */
export async function contactFieldNames(
  db: Executor,
  filter: Omit<ContactFilter, "limit">,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom(matching(db, filter).select(sql<string>`jsonb_object_keys(fields)`.as("name")).as("keys"))
    .select("name")
    .distinct()
    .orderBy("name")
    .limit(limit)
    .execute();
  return rows.map((row) => row.name);
}

function matching(db: Executor, filter: Omit<ContactFilter, "limit">) {
  let query = db.selectFrom("contacts");
  if (filter.before) query = query.where("id", "<", filter.before);
  for (const condition of conditions(filter)) query = query.where(condition);
  return query;
}

/** The filter as SQL conditions on a contacts row (`before` aside), usable on any row source. */
function conditions(filter: Omit<ContactFilter, "limit" | "before">) {
  const all = [];
  if (filter.email) all.push(sql<boolean>`lower(email) = ${filter.email.toLowerCase()}`);
  if (filter.status) all.push(sql<boolean>`status = ${filter.status}`);
  if (filter.tag) all.push(sql<boolean>`tags @> array[${filter.tag}]::text[]`);
  const q = filter.q?.toLowerCase();
  if (q && q.length >= TRIGRAM_MIN) {
    // Any part: a trigram index over the same expression answers it (migration 2026_12_05_12).
    all.push(sql<boolean>`${CONTACT_SEARCH_TEXT} like ${`%${escapeLike(q)}%`}`);
  } else if (q) {
    // One or two letters have no trigram: the start of an email or name, on their prefix indexes.
    const prefix = `${escapeLike(q)}%`;
    all.push(
      sql<boolean>`(lower(email) like ${prefix} or lower(first_name) like ${prefix} or lower(last_name) like ${prefix})`,
    );
  }
  return all;
}

/** What "any part" searches: exactly the expression contacts_search_trgm_idx indexes. */
const CONTACT_SEARCH_TEXT = sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || email || ' ' || coalesce(fields ->> 'company', ''))`;
