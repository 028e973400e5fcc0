import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionOf } from "@/server/testing/sign-in";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { getSessionUser, signIn } from "./session.service";
import { changePassword, createUser, resetPassword } from "./user.service";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function signedIn(email: string, password: string) {
  const { token } = sessionOf(await signIn(database.db, { email, password, ip: "test" }));
  return { token, user: await getSessionUser(database.db, token) };
}

describe("a password chosen by another admin", () => {
  it("must be replaced: the session says so until the admin changes it", async () => {
    const given = "a password someone gave me";
    const user = await createUser(
      database.db,
      { email: "new@example.com", password: given },
      { chosenByAnother: true },
    );
    const first = await signedIn("new@example.com", given);
    expect(first.user).toMatchObject({ id: user.id, mustChangePassword: true });

    await changePassword(database.db, {
      userId: user.id,
      currentPassword: given,
      newPassword: "one only I know",
      keepSessionToken: first.token,
    });
    expect(await getSessionUser(database.db, first.token)).toMatchObject({ mustChangePassword: false });
  });

  it("is not asked of an admin who chose their own (CLI, reset by the operator)", async () => {
    await createUser(database.db, { email: "ops@example.com", password: "chosen by myself" });
    expect((await signedIn("ops@example.com", "chosen by myself")).user).toMatchObject({
      mustChangePassword: false,
    });

    await createUser(
      database.db,
      { email: "other@example.com", password: "given by a colleague" },
      { chosenByAnother: true },
    );
    await resetPassword(database.db, { email: "other@example.com", password: "reset by the operator" });
    expect((await signedIn("other@example.com", "reset by the operator")).user).toMatchObject({
      mustChangePassword: false,
    });
  });
});
