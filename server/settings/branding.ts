// The public pages' branding (the subscribe form and the unsubscribe link's pages): name, logo,
// colour and copy, set by an admin on the Settings page and kept in the settings table.
import { sql } from "kysely";
import type { Db, Executor } from "@/db";
import { changedFields, recordAudit } from "@/server/audit/audit.service";
import { getDb } from "@/server/database";
import { AppError, zodDetails } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { type Branding, brandingInput, DEFAULT_BRANDING } from "@/shared/branding.schema";

const KEY = "public_branding";
const BRANDING_FIELDS = Object.keys(DEFAULT_BRANDING) as Array<keyof Branding & string>;

export async function getBranding(db: Executor): Promise<Branding> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  // What was stored is read through the schema, so a field added later falls back to its default.
  const stored = brandingInput.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_BRANDING, ...(stored.success ? stored.data : {}) };
}

/** Saves the branding and records what changed in the audit log, in one transaction. */
export async function saveBranding(db: Db, options: { actor: Actor; input: unknown }): Promise<Branding> {
  const { actor, input } = options;
  const parsed = brandingInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("validation_failed", "Some of the public page settings are not valid.", {
      details: zodDetails(parsed.error.issues),
    });
  }
  await db.transaction().execute(async (trx) => {
    const before = await getBranding(trx);
    await trx
      .insertInto("settings")
      .values({ key: KEY, value: JSON.stringify(parsed.data) })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({ value: JSON.stringify(parsed.data), updated_at: sql`now()` }),
      )
      .execute();
    const changes = changedFields<Branding>(before, parsed.data, BRANDING_FIELDS);
    if (Object.keys(changes).length > 0) {
      await recordAudit(trx, actor, {
        kind: "settings.branding_changed",
        objectType: "settings",
        objectId: KEY,
        changes,
      });
    }
  });
  return parsed.data;
}

/**
 * For the public pages: the saved branding, or the default when the database can't be read (a page
 * that says "something went wrong" must still render when the database is what went wrong).
 */
export async function brandingForPages(): Promise<Branding> {
  try {
    return await getBranding(await getDb());
  } catch {
    return DEFAULT_BRANDING;
  }
}
