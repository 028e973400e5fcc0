// The admins' alert URL: where hook.disabled and delivery.exhausted go as chat messages
// (`{"text": …}`). It is an internal hook — an admin's hook with format `text`, subscribed to those
// two events — so it is sent through the same engine as every delivery: target guard at every
// connection, retries, signatures, history on its hook page. No handshake (a chat tool's incoming
// webhook cannot echo X-Hook-Secret), and a 410 disables it rather than deleting it.
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import type { HookDisabledReason, HookStatus } from "@/db/schema";
import { AppError, zodDetails } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { recordHookEvents } from "@/server/events/operational-events";
import { deleteHook, newHookSecret } from "@/server/hooks/hook.service";
import { newId } from "@/server/lib/ids";
import { assertTargetAllowed, parseTargetUrl } from "@/server/outbound/target-guard";
import type { OperationalEventType } from "@/shared/event.catalogue";

const KEY = "alert_hook";

/** What the alert URL hears: what the in-app notifications list. */
export const ALERT_EVENTS = ["hook.disabled", "delivery.exhausted"] as const satisfies OperationalEventType[];

export const alertUrlInput = z.object({
  /** Empty: no alert URL (its hook is deleted). */
  url: z.string().trim().max(2048, "The alert URL must be at most 2048 characters."),
});

export interface AlertUrlResource {
  url: string | null;
  hook_id: string | null;
  status: HookStatus | null;
  disabled_reason: HookDisabledReason | null;
}

const NONE: AlertUrlResource = { url: null, hook_id: null, status: null, disabled_reason: null };

async function alertHookId(db: Executor): Promise<string | null> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  const value = row?.value as { hook_id?: unknown } | undefined;
  return typeof value?.hook_id === "string" ? value.hook_id : null;
}

export async function getAlertUrl(db: Executor): Promise<AlertUrlResource> {
  const hookId = await alertHookId(db);
  if (!hookId) return NONE;
  const hook = await db
    .selectFrom("hooks")
    .select(["id", "target_url", "status", "disabled_reason"])
    .where("id", "=", hookId)
    .executeTakeFirst();
  // Deleted on the Hooks page: then there is no alert URL.
  if (!hook) return NONE;
  return {
    url: hook.target_url,
    hook_id: hook.id,
    status: hook.status,
    disabled_reason: hook.disabled_reason,
  };
}

/** The URL, checked as any target is: bad input is a validation error on `url`, nothing changes. */
async function acceptedUrl(raw: string): Promise<string> {
  try {
    const url = parseTargetUrl(raw).href;
    await assertTargetAllowed(url);
    return url;
  } catch (error) {
    if (error instanceof AppError && error.code === "validation_failed") {
      const message = error.message.replace("target URL", "alert URL");
      throw new AppError("validation_failed", message, { details: [{ path: "url", message }] });
    }
    throw error;
  }
}

/** Sets, changes (turning it back on if it was disabled) or clears (empty) the alert URL. */
export async function saveAlertUrl(
  db: Db,
  options: { actor: Actor & { source: "admin" }; input: unknown },
): Promise<AlertUrlResource> {
  const { actor, input } = options;
  const parsed = alertUrlInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("validation_failed", "The alert URL is not valid.", {
      details: zodDetails(parsed.error.issues),
    });
  }
  const current = await getAlertUrl(db);
  if (parsed.data.url === "") {
    if (current.hook_id) await deleteHook(db, { actor, id: current.hook_id });
    await db.deleteFrom("settings").where("key", "=", KEY).execute();
    return NONE;
  }
  const url = await acceptedUrl(parsed.data.url);
  await db.transaction().execute(async (trx) => {
    if (current.hook_id) {
      await trx
        .updateTable("hooks")
        .set({
          target_url: url,
          status: "active",
          disabled_reason: null,
          disabled_at: null,
          consecutive_failures: 0,
          failing_since: null,
          verified_at: new Date(),
          updated_at: sql<Date>`now()`,
        })
        .where("id", "=", current.hook_id)
        .execute();
      if (current.status === "disabled") {
        await recordHookEvents(trx, { type: "hook.enabled", hookIds: [current.hook_id], by: actor.email });
      }
      return;
    }
    const id = newId("hook");
    await trx
      .insertInto("hooks")
      .values({
        id,
        name: "Alerts",
        target_url: url,
        events: [...ALERT_EVENTS],
        format: "text",
        on_gone: "disable",
        status: "active",
        verified_at: new Date(),
        created_by_user_id: actor.userId,
        secret: newHookSecret(),
      })
      .execute();
    const value = JSON.stringify({ hook_id: id });
    await trx
      .insertInto("settings")
      .values({ key: KEY, value })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: sql`now()` }))
      .execute();
  });
  return getAlertUrl(db);
}
