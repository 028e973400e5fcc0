import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { waitForLockWaits } from "@/server/testing/lock-waits";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { createTrpcContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import type { Role } from "@/shared/permissions";
import { createUser, makeOwner } from "./user.service";

let database: TestDatabase;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function newUser(role: Role, db = database) {
  const user = await createUser(
    db.db,
    { email: `${role}-${++counter}@example.com`, password: "a long enough password" },
    { role },
  );
  const session = await createSession(db.db, user);
  const headers = new Headers({ cookie: `${sessionCookieName(false)}=${session.token}` });
  const ctx = await createTrpcContext({ db: db.db, headers, secure: false, resHeaders: new Headers() });
  return { ...user, caller: createCaller(ctx) };
}

async function roleOf(id: string, db = database): Promise<Role | undefined> {
  const row = await db.db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirst();
  return row?.role;
}

describe("changing roles", () => {
  it("lets an owner give any role, owner included", async () => {
    const owner = await newUser("owner");
    const viewer = await newUser("viewer");
    await expect(owner.caller.user.setRole({ id: viewer.id, role: "owner" })).resolves.toMatchObject({
      role: "owner",
    });
    await owner.caller.user.setRole({ id: viewer.id, role: "admin" });
    expect(await roleOf(viewer.id)).toBe("admin");
  });

  it("lets an admin change admins, marketers and viewers, but neither make nor touch an owner", async () => {
    const admin = await newUser("admin");
    const owner = await newUser("owner");
    const marketer = await newUser("marketer");
    await admin.caller.user.setRole({ id: marketer.id, role: "viewer" });
    expect(await roleOf(marketer.id)).toBe("viewer");

    for (const attempt of [
      () => admin.caller.user.setRole({ id: marketer.id, role: "owner" }),
      () => admin.caller.user.setRole({ id: admin.id, role: "owner" }),
      () => admin.caller.user.setRole({ id: owner.id, role: "viewer" }),
      () => admin.caller.user.delete({ id: owner.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "Admins can't invite, change or remove owners.",
      });
    }
    expect(await roleOf(marketer.id)).toBe("viewer");
    expect(await roleOf(admin.id)).toBe("admin");
    expect(await roleOf(owner.id)).toBe("owner");
  });

  it("answers an unknown user or role with a clear error and changes nothing", async () => {
    const owner = await newUser("owner");
    await expect(owner.caller.user.setRole({ id: "usr_nobody", role: "viewer" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(owner.caller.user.setRole({ id: owner.id, role: "root" as Role })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Choose one of the roles"),
    });
    expect(await roleOf(owner.id)).toBe("owner");
  });

  it("takes effect on the next request of a user signed in already", async () => {
    const owner = await newUser("owner");
    const admin = await newUser("admin");
    await owner.caller.user.setRole({ id: admin.id, role: "viewer" });
    // The caller's context was resolved before the change; the service reads the role again.
    const target = await newUser("marketer");
    await expect(admin.caller.user.setRole({ id: target.id, role: "viewer" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await roleOf(target.id)).toBe("marketer");
  });
});

// Own database: these tests need to be down to the last owners.
describe("the last owner", () => {
  let own: TestDatabase;
  beforeAll(async () => {
    own = await createTestDatabase();
  });
  afterAll(async () => {
    await own.close();
  });

  async function owners(): Promise<number> {
    const rows = await own.db.selectFrom("users").select("id").where("role", "=", "owner").execute();
    return rows.length;
  }

  it("keeps the role: no one demotes or deletes them, themself included", async () => {
    const solo = await newUser("owner", own);
    const admin = await newUser("admin", own);
    await expect(solo.caller.user.setRole({ id: solo.id, role: "admin" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("at least one owner"),
    });
    await expect(admin.caller.user.delete({ id: solo.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await owners()).toBe(1);
    await own.db.deleteFrom("users").where("id", "=", admin.id).execute();
  });

  it("survives two owners demoting each other at the same moment: one change wins, one fails", async () => {
    await own.db.deleteFrom("users").execute();
    const ada = await newUser("owner", own);
    const bob = await newUser("owner", own);
    expect(await owners()).toBe(2);

    const demotions = () =>
      Promise.allSettled([
        ada.caller.user.setRole({ id: bob.id, role: "admin" }),
        bob.caller.user.setRole({ id: ada.id, role: "admin" }),
      ]);
    let results: Awaited<ReturnType<typeof demotions>>;
    if (own.kind === "postgres") {
      // Two real transactions on two connections: hold both owners' rows until both changes are
      // waiting on the database, so they truly overlap (without the service's table lock, both
      // would count two owners, both would go through, and none would be left).
      let pending: ReturnType<typeof demotions> | undefined;
      await own.db.transaction().execute(async (trx) => {
        await trx.selectFrom("users").select("id").forUpdate().execute();
        pending = demotions();
        await waitForLockWaits(own.db, 2);
      });
      results = await (pending as ReturnType<typeof demotions>);
    } else {
      // PGlite has one connection: transactions can't overlap at all.
      results = await demotions();
    }
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { code: "FORBIDDEN" },
    });
    expect(await owners()).toBe(1);
  });

  it("can always be restored from the command line's make-owner", async () => {
    const viewer = await newUser("viewer", own);
    await expect(makeOwner(own.db, viewer.email.toUpperCase())).resolves.toEqual({
      id: viewer.id,
      previousRole: "viewer",
    });
    expect(await roleOf(viewer.id, own)).toBe("owner");
    await expect(makeOwner(own.db, "nobody@example.com")).rejects.toMatchObject({ code: "not_found" });
  });
});
