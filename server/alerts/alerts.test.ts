// Alerts against real parts: the alert URL's messages reach a loopback receiver through the engine
// (signed, retried, in the history), bad URLs change nothing, each admin reads notifications on
// their own, and the dashboard names the hooks failing now.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/server/auth/user.service";
import { getDashboardOverview } from "@/server/dashboard/dashboard.service";
import { pingHook } from "@/server/delivery/delivery.service";
import {
  answer500,
  insertHook,
  type Responder,
  startEngineBed,
  verifyRequest,
  waitFor,
} from "@/server/delivery/delivery.test-support";
import { updateHook } from "@/server/hooks/hook.service";
import type { TestDatabase } from "@/server/testing/test-database";
import { getAlertUrl, saveAlertUrl } from "./alert-url.service";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "./notification.service";

let bed: Awaited<ReturnType<typeof startEngineBed>>;
let database: TestDatabase;
let ada: { source: "admin"; userId: string; email: string };
let grace: { source: "admin"; userId: string; email: string };

const receiver = (respond?: Responder) => bed.receiver(respond);
const failing = () => bed.receiver(answer500);

async function admin(email: string) {
  const user = await createUser(database.db, { email, password: "a long enough password" });
  return { source: "admin" as const, userId: user.id, email };
}

beforeAll(async () => {
  process.env.HOOKLINE_ALLOWED_TARGETS = "127.0.0.0/8";
  process.env.HOOKLINE_RETRY_SCHEDULE = "0.1,0.1,0.1";
  process.env.HOOKLINE_PUBLIC_URL = "https://hookline.example";
  bed = await startEngineBed();
  database = bed.database;
  ada = await admin("ada@example.com");
  grace = await admin("grace@example.com");
});

afterAll(async () => {
  await bed?.close();
});

describe("the alert URL", () => {
  it("refuses bad input with a clear error and changes nothing", async () => {
    await expect(
      saveAlertUrl(database.db, { actor: ada, input: { url: "not a url" } }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      message: "The alert URL is not a valid absolute URL.",
      details: [{ path: "url" }],
    });
    await expect(
      saveAlertUrl(database.db, { actor: ada, input: { url: "ftp://example.org/x" } }),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(
      saveAlertUrl(database.db, { actor: ada, input: { url: "http://10.1.2.3/hook" } }),
    ).rejects.toMatchObject({
      code: "target_not_allowed",
    });
    await expect(saveAlertUrl(database.db, { actor: ada, input: { url: 42 } })).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(await getAlertUrl(database.db)).toEqual({
      url: null,
      hook_id: null,
      status: null,
      disabled_reason: null,
    });
    expect(await database.db.selectFrom("hooks").select("id").execute()).toEqual([]);
  });

  it('sends hooks disabled and deliveries exhausted as {"text"}, through the engine, retried and logged', async () => {
    // The chat tool is down for its first answer: the message comes again on the retry schedule.
    const chat = await receiver((_, res, index) => {
      res.statusCode = index === 0 ? 503 : 200;
      res.end(index === 0 ? "busy" : "ok");
    });
    const saved = await saveAlertUrl(database.db, { actor: ada, input: { url: chat.url } });
    expect(saved).toMatchObject({ url: chat.url, status: "active" });
    const alertHook = await database.db
      .selectFrom("hooks")
      .select(["id", "secret", "format", "events", "created_by_user_id"])
      .where("id", "=", saved.hook_id as string)
      .executeTakeFirstOrThrow();
    expect(alertHook).toMatchObject({
      format: "text",
      events: ["hook.disabled", "delivery.exhausted"],
      created_by_user_id: ada.userId,
    });

    const hook = await insertHook(database.db, {
      target: (await failing()).url,
      events: ["contact.created"],
    });
    await database.db.updateTable("hooks").set({ name: "CRM sync" }).where("id", "=", hook.id).execute();
    await updateHook(database.db, { actor: grace, id: hook.id, input: { status: "disabled" } });

    const [refused, request] = await chat.waitForCount(2);
    expect(refused?.body).toBe(request?.body);
    verifyRequest(request as NonNullable<typeof request>, alertHook.secret);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-hook-event"]).toBe("hook.disabled");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      text: `Hook "CRM sync" (${(await getTarget(hook.id)) ?? ""}) was disabled: an admin turned it off. https://hookline.example/hooks/${hook.id}`,
    });
    const delivered = await waitFor(
      async () => {
        const row = await database.db
          .selectFrom("deliveries")
          .select(["id", "status", "attempt_count"])
          .where("hook_id", "=", alertHook.id)
          .executeTakeFirst();
        return row?.status === "delivered" ? row : undefined;
      },
      5_000,
      "the alert delivered",
    );
    expect(delivered.attempt_count).toBe(2);
    const attempts = await database.db
      .selectFrom("delivery_attempts")
      .select(["number", "status_code", "request_body"])
      .where("delivery_id", "=", delivered.id)
      .orderBy("number")
      .execute();
    expect(attempts.map((a) => a.status_code)).toEqual([503, 200]);
    expect(attempts[1]?.request_body).toBe(request?.body);

    // A delivery that gives up is told too.
    const exhausting = await insertHook(database.db, {
      target: (await failing()).url,
      events: ["contact.created"],
    });
    await pingHook(database.db, { actor: ada, hookId: exhausting.id });
    const [, , exhausted] = await chat.waitForCount(3);
    expect(JSON.parse(exhausted?.body ?? "").text).toMatch(
      /^A hook\.ping delivery to hook http:\/\/127\.0\.0\.1:\d+\/hook gave up after 4 attempts \(last answer: HTTP 500\)\. https:\/\/hookline\.example\/hooks\/hook_/,
    );
  });

  it("moves to a new URL, and an empty one removes it", async () => {
    const before = await getAlertUrl(database.db);
    const next = await receiver();
    const moved = await saveAlertUrl(database.db, { actor: ada, input: { url: next.url } });
    expect(moved).toMatchObject({ url: next.url, hook_id: before.hook_id });
    // Changed from its hook page, it stays active: no handshake a chat tool could not answer.
    const third = await receiver();
    const edited = await updateHook(database.db, {
      actor: ada,
      id: before.hook_id as string,
      input: { target_url: third.url },
    });
    expect(edited).toMatchObject({ target_url: third.url, status: "active" });
    expect(third.requests).toEqual([]);
    expect(await saveAlertUrl(database.db, { actor: ada, input: { url: "  " } })).toMatchObject({
      url: null,
    });
    const left = await database.db
      .selectFrom("hooks")
      .select("id")
      .where("id", "=", before.hook_id as string)
      .execute();
    expect(left).toEqual([]);
  });
});

async function getTarget(hookId: string): Promise<string | undefined> {
  const row = await database.db
    .selectFrom("hooks")
    .select("target_url")
    .where("id", "=", hookId)
    .executeTakeFirst();
  return row?.target_url;
}

describe("notifications", () => {
  it("lists hooks disabled and deliveries exhausted, newest first, read per admin", async () => {
    const first = await listNotifications(database.db, { userId: ada.userId, query: {} });
    expect(first.data.map((n) => n.type)).toEqual(["delivery.exhausted", "hook.disabled"]);
    expect(first.data[1]?.text).toMatch(/^Hook "CRM sync" \(.+\) was disabled: an admin turned it off\.$/);
    expect(first.data.every((n) => !n.read)).toBe(true);
    expect(first.data[1]?.hook_id).toMatch(/^hook_/);
    expect(await countUnreadNotifications(database.db, ada.userId)).toBe(2);

    await markNotificationRead(database.db, ada.userId, first.data[1]?.id as string);
    expect(await countUnreadNotifications(database.db, ada.userId)).toBe(1);
    expect(await countUnreadNotifications(database.db, grace.userId)).toBe(2);
    await expect(markNotificationRead(database.db, ada.userId, "evt_nope")).rejects.toMatchObject({
      code: "not_found",
    });

    await markAllNotificationsRead(database.db, ada.userId);
    expect(await countUnreadNotifications(database.db, ada.userId)).toBe(0);
    expect(
      (await listNotifications(database.db, { userId: ada.userId, query: {} })).data.every((n) => n.read),
    ).toBe(true);
    // A new one after "mark all read" is unread again.
    const hook = await insertHook(database.db, {
      target: "http://127.0.0.1:9/x",
      events: ["contact.created"],
    });
    await updateHook(database.db, { actor: grace, id: hook.id, input: { status: "disabled" } });
    expect(await countUnreadNotifications(database.db, ada.userId)).toBe(1);
    expect(await countUnreadNotifications(database.db, grace.userId)).toBe(3);
  });
});

describe("the dashboard's failing hooks", () => {
  it("names active hooks failing now, since when, with their last answer", async () => {
    const hook = await insertHook(database.db, {
      target: (await failing()).url,
      events: ["contact.created"],
    });
    await pingHook(database.db, { actor: ada, hookId: hook.id });
    const failingHook = await waitFor(
      async () => (await getDashboardOverview(database.db)).failing.find((h) => h.id === hook.id),
      5_000,
      "the hook to show as failing",
    );
    expect(failingHook).toMatchObject({ last_status_code: 500, last_error: null });
    expect(failingHook.consecutive_failures).toBeGreaterThanOrEqual(1);
    expect(Date.parse(failingHook.failing_since)).toBeLessThanOrEqual(Date.now());

    const refusing = await insertHook(database.db, {
      target: "http://127.0.0.1:9/closed",
      events: ["contact.created"],
    });
    await pingHook(database.db, { actor: ada, hookId: refusing.id });
    const unreachable = await waitFor(
      async () => (await getDashboardOverview(database.db)).failing.find((h) => h.id === refusing.id),
      5_000,
      "the unreachable hook to show as failing",
    );
    expect(unreachable.last_status_code).toBeNull();
    expect(unreachable.last_error).toEqual(expect.any(String));

    await database.db
      .updateTable("hooks")
      .set({ failing_since: sql`null` })
      .where("id", "=", hook.id)
      .execute();
    const overview = await getDashboardOverview(database.db);
    expect(overview.failing.some((h) => h.id === hook.id)).toBe(false);
  });
});
