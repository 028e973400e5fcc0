// Automation rules against a real database; the tick takes `now`, so minutes pass instantly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addContactTag,
  createContact,
  deleteContact,
  getContact,
  removeContactTag,
} from "@/server/contacts/contact.service";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { automationRuleInput } from "@/shared/automation.schema";
import {
  createAutomationRule,
  deleteAutomationRule,
  listAutomationRules,
  runAutomations,
  setAutomationRuleStatus,
  updateAutomationRule,
} from "./automation.service";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

function eventsOf(contactId: string) {
  return database.db
    .selectFrom("events")
    .select(["type", "source", "actor", "detail"])
    .where("contact_id", "=", contactId)
    .orderBy("id")
    .execute();
}

describe("automation rules", () => {
  it("act once per tagging, after the delay, as system with the rule's name", async () => {
    const rule = await createAutomationRule(database.db, {
      input: automationRuleInput.parse({
        name: "Trial ends",
        trigger_tag: "trial",
        delay_minutes: 30,
        set_status: "unsubscribed",
        add_tag: "trial-over",
      }),
      createdBy: null,
    });
    const tagged = await createContact(database.db, { actor: admin, input: { email: "trial@example.com" } });
    await addContactTag(database.db, { actor: admin, id: tagged.id, tag: "trial" });
    const bornTagged = await createContact(database.db, {
      actor: admin,
      input: {
        email: "born@example.com",
        tags: ["trial"],
      },
    });
    const other = await createContact(database.db, {
      actor: admin,
      input: { email: "other@example.com", tags: ["other"] },
    });

    // Not yet due.
    expect(await runAutomations(database.db, { now: minutesFromNow(29) })).toBe(0);
    expect((await getContact(database.db, { id: tagged.id })).status).toBe("subscribed");

    expect(await runAutomations(database.db, { now: minutesFromNow(31) })).toBe(2);
    for (const id of [tagged.id, bornTagged.id]) {
      expect(await getContact(database.db, { id })).toMatchObject({ status: "unsubscribed" });
      expect((await getContact(database.db, { id })).tags).toContain("trial-over");
      expect((await eventsOf(id)).slice(-2)).toEqual([
        {
          type: "contact.unsubscribed",
          source: "system",
          actor: "automation:Trial ends",
          detail: { previous: { status: "subscribed" } },
        },
        {
          type: "contact.tag_added",
          source: "system",
          actor: "automation:Trial ends",
          detail: { tag: "trial-over" },
        },
      ]);
    }
    expect((await getContact(database.db, { id: other.id })).status).toBe("subscribed");

    // Once: more ticks change nothing, even after an admin re-subscribed the contact.
    await database.db
      .updateTable("contacts")
      .set({ status: "subscribed" })
      .where("id", "=", tagged.id)
      .execute();
    expect(await runAutomations(database.db, { now: minutesFromNow(32) })).toBe(0);
    expect(await runAutomations(database.db, { now: minutesFromNow(33) })).toBe(0);
    expect((await getContact(database.db, { id: tagged.id })).status).toBe("subscribed");

    // A new tagging is a new occasion.
    await removeContactTag(database.db, { actor: admin, id: tagged.id, tag: "trial" });
    await addContactTag(database.db, { actor: admin, id: tagged.id, tag: "trial" });
    expect(await runAutomations(database.db, { now: minutesFromNow(65) })).toBe(1);
    expect((await getContact(database.db, { id: tagged.id })).status).toBe("unsubscribed");

    const [listed] = await listAutomationRules(database.db);
    expect(listed).toMatchObject({ id: rule.id, applied_count: 3, status: "active" });
    await deleteAutomationRule(database.db, { id: rule.id });
  });

  it("skip contacts whose tag was removed or who were deleted, and wait while paused", async () => {
    const rule = await createAutomationRule(database.db, {
      input: automationRuleInput.parse({
        name: "Welcome",
        trigger_tag: "new",
        delay_minutes: 5,
        add_tag: "welcomed",
      }),
      createdBy: null,
    });
    const untagged = await createContact(database.db, {
      actor: admin,
      input: { email: "untag@example.com" },
    });
    await addContactTag(database.db, { actor: admin, id: untagged.id, tag: "new" });
    await removeContactTag(database.db, { actor: admin, id: untagged.id, tag: "new" });
    const deleted = await createContact(database.db, {
      actor: admin,
      input: { email: "deleted@example.com", tags: ["new"] },
    });
    await deleteContact(database.db, { actor: admin, id: deleted.id });

    await setAutomationRuleStatus(database.db, { id: rule.id, status: "paused" });
    const waiting = await createContact(database.db, {
      actor: admin,
      input: { email: "waiting@example.com", tags: ["new"] },
    });
    expect(await runAutomations(database.db, { now: minutesFromNow(10) })).toBe(0);
    expect((await getContact(database.db, { id: waiting.id })).tags).toEqual(["new"]);

    await setAutomationRuleStatus(database.db, { id: rule.id, status: "active" });
    expect(await runAutomations(database.db, { now: minutesFromNow(10) })).toBe(1);
    expect((await getContact(database.db, { id: waiting.id })).tags).toEqual(["new", "welcomed"]);
    expect((await getContact(database.db, { id: untagged.id })).tags).toEqual([]);
    const runs = await database.db
      .selectFrom("automation_runs")
      .select(["contact_id", "outcome"])
      .where("rule_id", "=", rule.id)
      .orderBy("event_id")
      .execute();
    expect(runs).toEqual([
      { contact_id: untagged.id, outcome: "tag_removed" },
      { contact_id: deleted.id, outcome: "contact_gone" },
      { contact_id: waiting.id, outcome: "applied" },
    ]);
  });

  it("validate rules and refuse a second rule with the same name", async () => {
    const noAction = automationRuleInput.safeParse({ name: "x", trigger_tag: "a", delay_minutes: 1 });
    expect(noAction.success).toBe(false);
    const loop = automationRuleInput.safeParse({
      name: "x",
      trigger_tag: "a",
      delay_minutes: 1,
      add_tag: "a",
    });
    expect(loop.error?.issues[0]).toMatchObject({ path: ["add_tag"] });
    expect(
      automationRuleInput.safeParse({ name: "x", trigger_tag: "a", delay_minutes: -1, add_tag: "b" }).success,
    ).toBe(false);
    const input = automationRuleInput.parse({
      name: "Twice",
      trigger_tag: "a",
      delay_minutes: 0,
      add_tag: "b",
    });
    await createAutomationRule(database.db, { input, createdBy: null });
    await expect(
      createAutomationRule(database.db, { input: { ...input, name: "twice" }, createdBy: null }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      setAutomationRuleStatus(database.db, { id: "rule_missing", status: "paused" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("editing a rule", () => {
  it("changes what it does and when; a new trigger tag starts from now; names stay unique", async () => {
    const rule = await createAutomationRule(database.db, {
      input: automationRuleInput.parse({
        name: "Edit me",
        trigger_tag: "edit-a",
        delay_minutes: 5,
        add_tag: "x",
      }),
      createdBy: null,
    });
    await createAutomationRule(database.db, {
      input: automationRuleInput.parse({
        name: "Taken",
        trigger_tag: "edit-b",
        delay_minutes: 5,
        add_tag: "y",
      }),
      createdBy: null,
    });
    const before = await database.db
      .selectFrom("automation_rules")
      .select("scanned_until")
      .where("id", "=", rule.id)
      .executeTakeFirstOrThrow();

    const edited = await updateAutomationRule(database.db, {
      id: rule.id,
      input: automationRuleInput.parse({
        name: "Edited",
        trigger_tag: "edit-c",
        delay_minutes: 3 * 1440,
        set_status: "bounced",
        add_tag: null,
      }),
    });
    expect(edited).toMatchObject({
      id: rule.id,
      name: "Edited",
      trigger_tag: "edit-c",
      delay_minutes: 4320,
      set_status: "bounced",
      add_tag: null,
      status: "active",
    });
    const after = await database.db
      .selectFrom("automation_rules")
      .select("scanned_until")
      .where("id", "=", rule.id)
      .executeTakeFirstOrThrow();
    expect(after.scanned_until.getTime()).toBeGreaterThan(before.scanned_until.getTime());

    await expect(
      updateAutomationRule(database.db, {
        id: rule.id,
        input: automationRuleInput.parse({ ...edited, name: "Taken" }),
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      updateAutomationRule(database.db, {
        id: "rule_missing",
        input: automationRuleInput.parse({ ...edited, name: "Other" }),
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
