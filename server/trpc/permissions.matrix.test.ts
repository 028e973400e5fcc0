// Every tRPC procedure × every role, over a real database: what the role may do goes through (it
// may still fail for its own reasons, but never for the role); what it may not do is 403 and
// leaves every table as it was. The procedures are read from the router, so one added without a
// line in EXPECTED fails here, and EXPECTED is written out by hand from the issue's definition of
// the roles rather than read from the permission table it checks.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-key.service";
import { createInvitation } from "@/server/auth/invitation.service";
import { createSession } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { createUser } from "@/server/auth/user.service";
import { createAutomationRule } from "@/server/automations/automation.service";
import {
  createTestContact,
  insertHook,
  type Receiver,
  startReceiver,
} from "@/server/delivery/delivery.test-support";
import { createImportDraft } from "@/server/imports/import.service";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { turnOnTwoFactor } from "@/server/testing/two-factor";
import type { Role } from "@/shared/permissions";
import { createTrpcContext } from "./init";
import { appRouter, createCaller } from "./root";

/** Who may call each procedure: O owner, A admin, M marketer, V viewer; "public" needs no session. */
const EXPECTED: Record<string, string> = {
  "auth.status": "public",
  "auth.setup": "public",
  "auth.signIn": "public",
  "auth.verifySignInCode": "public",
  "auth.signOut": "OAMV",
  "contact.list": "OAMV",
  "contact.get": "OAMV",
  "contact.create": "OAM",
  "contact.update": "OAM",
  "contact.setStatus": "OAM",
  "contact.addTag": "OAM",
  "contact.removeTag": "OAM",
  "contact.delete": "OAM",
  "contact.tags": "OAMV",
  "contact.bulk": "OAM",
  "contact.count": "OAMV",
  "contact.bulkAll": "OAM",
  "contact.bulkJob": "OAMV",
  // An export is a reading, kept for its author alone.
  "contact.startExport": "OAMV",
  "contact.exports": "OAMV",
  "contact.deleteExport": "OAMV",
  "event.list": "OAMV",
  "event.count": "OAMV",
  "event.get": "OAMV",
  "event.catalogue": "OAMV",
  "apiKey.list": "OAV",
  "apiKey.create": "OA",
  "apiKey.rename": "OA",
  "apiKey.changeScopes": "OA",
  "apiKey.revoke": "OA",
  // A portal link manages the key's hooks and shows their secrets: as much as the key itself.
  "apiKey.createPortalLink": "OA",
  "apiKey.revokePortalLinks": "OA",
  "import.list": "OAMV",
  "import.get": "OAMV",
  "import.preview": "OAMV",
  "import.start": "OAM",
  "automation.list": "OAMV",
  "automation.create": "OAM",
  "automation.update": "OAM",
  "automation.pause": "OAM",
  "automation.resume": "OAM",
  "automation.delete": "OAM",
  // The link unsubscribes the contact: handing it out is a change made on their behalf.
  "publicLink.unsubscribeUrl": "OAM",
  "hook.deletions": "OAMV",
  "hook.list": "OAMV",
  "hook.count": "OAMV",
  "hook.get": "OAMV",
  "hook.create": "OA",
  "hook.update": "OA",
  "hook.disable": "OA",
  "hook.enable": "OA",
  "hook.delete": "OA",
  "hook.activate": "OA",
  "hook.rotateSecret": "OA",
  "delivery.log": "OAMV",
  "delivery.failedCount": "OAMV",
  "delivery.redeliverFailed": "OA",
  "delivery.history": "OAMV",
  "delivery.forEvent": "OAMV",
  "delivery.get": "OAMV",
  "delivery.redeliver": "OA",
  "delivery.recoverCount": "OAMV",
  "delivery.recover": "OA",
  "delivery.ping": "OA",
  "delivery.sendTest": "OA",
  "dashboard.overview": "OAMV",
  "dashboard.hookActivity": "OAMV",
  "dashboard.hookSparklines": "OAMV",
  "user.list": "OAV",
  "user.setRole": "OA",
  "user.changePassword": "OAMV",
  "user.setTimeZone": "OAMV",
  "user.delete": "OA",
  "user.resetTwoFactor": "OA",
  "invitation.list": "OAV",
  "invitation.create": "OA",
  "invitation.revoke": "OA",
  "invitation.accept": "public",
  "twoFactor.status": "OAMV",
  "twoFactor.beginSetup": "OAMV",
  "twoFactor.confirmSetup": "OAMV",
  "twoFactor.regenerateRecoveryCodes": "OAMV",
  "twoFactor.disable": "OAMV",
  // Whether two-factor sign-in is required binds every user, so every user may read it.
  "twoFactor.requirement": "OAMV",
  "twoFactor.setRequirement": "OA",
  "settings.branding": "OAV",
  "settings.saveBranding": "OA",
  // Who did what, with addresses: for those who manage the rest.
  "audit.list": "OA",
  // Notifications tell of hooks disabled and deliveries given up: for whoever sees hooks.
  "alert.notifications": "OAMV",
  "alert.unreadCount": "OAMV",
  "alert.markRead": "OAMV",
  "alert.markAllRead": "OAMV",
  "alert.alertUrl": "OAV",
  "alert.saveAlertUrl": "OA",
};

const ROLE_LETTERS: Record<Role, string> = { owner: "O", admin: "A", marketer: "M", viewer: "V" };
const ROLES = Object.keys(ROLE_LETTERS) as Role[];
const PASSWORD = "a long enough password";

let database: TestDatabase;
let receiver: Receiver;
const users = {} as Record<Role, { id: string; email: string }>;
let fixtures: {
  contactId: string;
  hookId: string;
  apiKeyId: string;
  importId: string;
  ruleId: string;
  eventId: string;
};
let serial = 0;
const savedAllowed = process.env.HOOKLINE_ALLOWED_TARGETS;

beforeAll(async () => {
  process.env.HOOKLINE_ALLOWED_TARGETS = "127.0.0.0/8";
  database = await createTestDatabase();
  receiver = await startReceiver();
  for (const role of ROLES) {
    users[role] = await createUser(
      database.db,
      { email: `${role}@example.com`, password: PASSWORD },
      { role },
    );
  }
  const contact = await createTestContact(database.db);
  const hook = await insertHook(database.db, { target: `${receiver.url}/hook` });
  const { apiKey } = await createApiKey(database.db, { name: "Zapier", createdBy: users.owner.id });
  const draft = await createImportDraft(database.db, {
    fileName: "people.csv",
    bytes: new TextEncoder().encode("email\nimported@example.com\n"),
    createdBy: users.owner.id,
  });
  const rule = await createAutomationRule(database.db, {
    input: { name: "Welcome", trigger_tag: "new", delay_minutes: 0, set_status: null, add_tag: "welcomed" },
    createdBy: users.owner.id,
  });
  const event = await database.db.selectFrom("events").select("id").executeTakeFirstOrThrow();
  fixtures = {
    contactId: contact.id,
    hookId: hook.id,
    apiKeyId: apiKey.id,
    importId: draft.id,
    ruleId: rule.id,
    eventId: event.id,
  };
});
afterAll(async () => {
  await receiver.close();
  await database.close();
  if (savedAllowed === undefined) delete process.env.HOOKLINE_ALLOWED_TARGETS;
  else process.env.HOOKLINE_ALLOWED_TARGETS = savedAllowed;
});

/** An input each procedure accepts, naming real rows where it acts on one. */
async function inputFor(path: string): Promise<unknown> {
  const n = ++serial;
  const { contactId, hookId, apiKeyId, importId, ruleId, eventId } = fixtures;
  const rule = {
    name: `Rule ${n}`,
    trigger_tag: "new",
    delay_minutes: 5,
    set_status: null,
    add_tag: "later",
  };
  switch (path) {
    case "contact.get":
    case "contact.delete":
      return { id: contactId };
    case "contact.list":
      return {};
    case "contact.create":
      return { email: `new-${n}@example.com` };
    case "contact.update":
      return { id: contactId, changes: { first_name: `Name ${n}` } };
    case "contact.setStatus":
      return { id: contactId, status: "unsubscribed" };
    case "contact.addTag":
      return { id: contactId, tag: `tag-${n}` };
    case "contact.removeTag":
      return { id: contactId, tag: "vip" };
    case "contact.bulk":
      return { ids: [contactId], action: { type: "add_tag", tag: `bulk-${n}` } };
    case "contact.count":
      return {};
    case "contact.bulkAll":
      return { filter: {}, action: { type: "add_tag", tag: `all-${n}` } };
    case "contact.bulkJob":
    case "contact.deleteExport":
      return { id: "job_unknown" };
    case "contact.startExport":
      return { filter: {} };
    case "event.list":
    case "event.count":
      return {};
    case "event.get":
      return { eventId };
    case "delivery.forEvent":
      return { eventId };
    case "apiKey.create":
      return { name: `Key ${n}` };
    case "apiKey.rename":
      return { id: apiKeyId, name: `Renamed ${n}` };
    case "apiKey.revoke":
    case "apiKey.createPortalLink":
    case "apiKey.revokePortalLinks":
      return { id: apiKeyId };
    case "apiKey.changeScopes":
      return { id: apiKeyId, scopes: ["contacts:read"] };
    case "audit.list":
    case "alert.notifications":
      return {};
    case "alert.markRead":
      return { id: eventId };
    case "alert.saveAlertUrl":
      return { url: `${receiver.url}/alerts-${n}` };
    case "import.get":
    case "import.preview":
      return { id: importId };
    case "import.start":
      return { id: importId, mode: "upsert", mapping: ["email"] };
    case "automation.create":
      return rule;
    case "automation.update":
      return { id: ruleId, rule };
    case "automation.pause":
    case "automation.resume":
    case "automation.delete":
      return { id: ruleId };
    case "publicLink.unsubscribeUrl":
      return { contactId };
    case "hook.list":
    case "hook.count":
      return {};
    case "hook.get":
    case "hook.disable":
    case "hook.enable":
    case "hook.delete":
    case "hook.rotateSecret":
      return { id: hookId };
    case "hook.create":
      return { target_url: `${receiver.url}/new-${n}`, events: ["contact.created"] };
    case "hook.update":
      return { id: hookId, changes: { name: `Hook ${n}` } };
    case "hook.activate":
      return { id: hookId, secret: "whsec_guess" };
    case "delivery.history":
      return { hookId };
    case "delivery.log":
      return {};
    case "delivery.failedCount":
    case "delivery.redeliverFailed":
      return { filter: { hookId } };
    case "delivery.get":
    case "delivery.redeliver":
      return { hookId, deliveryId: "msg_unknown" };
    case "delivery.recoverCount":
    case "delivery.recover":
      return { hookId, since: "2026-01-01T00:00:00.000Z" };
    case "delivery.ping":
      return { hookId };
    case "delivery.sendTest":
      return { hookId, event: "contact.created" };
    case "dashboard.hookActivity":
      return { hookId };
    case "dashboard.hookSparklines":
      return { hookIds: [hookId] };
    case "user.setRole":
      return { id: (await disposableUser("viewer")).id, role: "marketer" };
    case "user.delete":
      return { id: (await disposableUser("viewer")).id };
    case "user.resetTwoFactor": {
      const user = await disposableUser("viewer");
      await turnOnTwoFactor(database.db, user.id);
      return { id: user.id };
    }
    case "user.changePassword":
      return { currentPassword: PASSWORD, newPassword: `another password ${n}` };
    case "user.setTimeZone":
      return { timeZone: "Europe/Berlin" };
    case "invitation.create":
      return { email: `invitee-${n}@example.com`, role: "viewer" };
    case "invitation.revoke": {
      const { invitation } = await createInvitation(database.db, {
        actorId: users.owner.id,
        email: `revokable-${n}@example.com`,
        role: "viewer",
      });
      return { id: invitation.id };
    }
    case "twoFactor.confirmSetup":
      return { code: "000000" };
    case "twoFactor.regenerateRecoveryCodes":
    case "twoFactor.disable":
      return { proof: PASSWORD };
    case "twoFactor.setRequirement":
      return { required: false };
    case "settings.saveBranding":
      return { name: `Brand ${n}`, logo_url: null, color: "#336699" };
    default:
      return undefined;
  }
}

async function disposableUser(role: Role) {
  return createUser(
    database.db,
    { email: `disposable-${++serial}@example.com`, password: PASSWORD },
    { role },
  );
}

/** A caller with a fresh session of `role`'s user, resolved the way a request's cookie is. */
async function callerAs(role: Role) {
  const session = await createSession(database.db, users[role]);
  const headers = new Headers({ cookie: `${sessionCookieName(false)}=${session.token}` });
  const ctx = await createTrpcContext({ db: database.db, headers, secure: false, resHeaders: new Headers() });
  expect(ctx.user?.role).toBe(role);
  return createCaller(ctx);
}

function call(caller: ReturnType<typeof createCaller>, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/** Every row of every table, as one digest: equal digests, nothing written. */
async function databaseDigest(): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(database.db);
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ digest: string | null }>`
      select md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.table(name)} t`.execute(
      database.db,
    );
    parts.push(`${name}:${rows[0]?.digest ?? "empty"}`);
  }
  return parts.join("\n");
}

const ROLE_REFUSAL = /^(Owners|Admins|Marketers|Viewers) can't /;

describe("the permission matrix", () => {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { meta?: { permission?: string } } }
  >;

  it("has a rule for every procedure, and only for procedures that exist", () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [path, procedure] of Object.entries(procedures)) {
      const permission = procedure._def.meta?.permission;
      expect(permission, `${path} declares no permission`).toBeTypeOf("string");
      expect(permission === "public", `${path} is public`).toBe(EXPECTED[path] === "public");
    }
  });

  for (const path of Object.keys(EXPECTED)) {
    const allowed = EXPECTED[path] ?? "";
    if (allowed === "public") continue;
    it(`${path}: ${allowed.split("").join(", ")}`, async () => {
      // Refusals first, while every fixture is still there to be changed.
      for (const role of ROLES.filter((role) => !allowed.includes(ROLE_LETTERS[role]))) {
        const caller = await callerAs(role);
        const input = await inputFor(path);
        const before = await databaseDigest();
        const error = await call(caller, path, input).then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error, `${role} was let through ${path}`).toMatchObject({
          code: "FORBIDDEN",
          message: expect.stringMatching(ROLE_REFUSAL),
        });
        expect(await databaseDigest(), `${role}'s refused ${path} changed the database`).toBe(before);
      }
      for (const role of ROLES.filter((role) => allowed.includes(ROLE_LETTERS[role]))) {
        const caller = await callerAs(role);
        const error = await call(caller, path, await inputFor(path)).then(
          () => null,
          (caught: unknown) => caught,
        );
        // Allowed calls may fail for reasons of their own (an unknown id, a wrong code), never the role.
        if (error !== null) {
          expect(error, `${role} was refused ${path}`).not.toMatchObject({
            code: "FORBIDDEN",
            message: expect.stringMatching(ROLE_REFUSAL),
          });
          expect(error).not.toMatchObject({ code: "UNAUTHORIZED" });
          // Nor may the answer fail its own `.output()` schema (tRPC turns that into a 500).
          expect(error, `${role}'s ${path} answered outside its output schema`).not.toMatchObject({
            message: "Output validation failed",
          });
        }
      }
    });
  }

  it("never sends a hook's signing secret to a marketer or a viewer", async () => {
    // A hook of its own: the matrix above has deleted the shared one.
    const { id, secret } = await insertHook(database.db, { target: `${receiver.url}/secret` });
    for (const role of ["marketer", "viewer"] as const) {
      const caller = await callerAs(role);
      const answers = await Promise.all([
        caller.hook.get({ id }),
        caller.hook.list({}),
        caller.delivery.history({ hookId: id }),
        caller.dashboard.overview(),
      ]);
      const text = JSON.stringify(answers);
      expect(text).not.toContain(secret);
      expect(text).not.toMatch(/whsec_/);
    }
  });

  it("refuses a signed-in procedure that names no permission, for every role", async () => {
    const { router, signedInProcedure } = await import("./init");
    const unruled = router({ secret: signedInProcedure.query(() => "leaked") });
    for (const role of ROLES) {
      const session = await createSession(database.db, users[role]);
      const headers = new Headers({ cookie: `${sessionCookieName(false)}=${session.token}` });
      const ctx = await createTrpcContext({
        db: database.db,
        headers,
        secure: false,
        resHeaders: new Headers(),
      });
      await expect(unruled.createCaller(ctx).secret()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
