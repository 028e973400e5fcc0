// The admin file routes' wrapper, through a real route and a real session: who gets in, in which
// order the refusals come, and the error body every refusal has.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as rejectedRoute from "@/app/(admin)/imports/[id]/rejected/route";
import * as uploadRoute from "@/app/(admin)/imports/upload/route";
import { createSession } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { createUser } from "@/server/auth/user.service";
import { useDatabase } from "@/server/database";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

let database: TestDatabase;
const cookies: Record<"owner" | "viewer", string> = { owner: "", viewer: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  for (const role of ["owner", "viewer"] as const) {
    const user = await createUser(
      database.db,
      { email: `${role}@example.com`, password: "a long enough password" },
      { role },
    );
    cookies[role] = `${sessionCookieName(false)}=${(await createSession(database.db, user)).token}`;
  }
});
afterAll(async () => {
  await database.close();
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });

function upload(headers: Record<string, string>, body = "email\na@example.com\n") {
  return uploadRoute.POST(
    new Request("http://hookline.test/imports/upload?name=list.csv", {
      method: "POST",
      headers: { host: "hookline.test", "content-type": "text/csv", ...headers },
      body,
    }),
  );
}

describe("adminRoute", () => {
  it("answers 401 without a session and 403 when the role lacks the route's permission", async () => {
    const anonymous = await rejectedRoute.GET(
      new Request("http://hookline.test/imports/x/rejected"),
      params("x"),
    );
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });

    const viewer = await upload({ origin: "http://hookline.test", cookie: cookies.viewer });
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("refuses a cookie write from another origin before reading the session", async () => {
    const response = await upload({ origin: "http://evil.test", cookie: cookies.owner });
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toMatch(/Cross-origin/);
  });

  it("refuses an oversized declared length first, even without a session", async () => {
    const response = await upload({ origin: "http://evil.test", "content-length": String(1024 ** 4) }, "x");
    expect(response.status).toBe(413);
  });

  it("lets an allowed user through, with the path's parameters; a NUL in one names nothing", async () => {
    const created = await upload({ origin: "http://hookline.test", cookie: cookies.owner });
    expect(created.status).toBe(201);
    const unknown = await rejectedRoute.GET(
      new Request("http://hookline.test/imports/imp_none/rejected", { headers: { cookie: cookies.viewer } }),
      params("imp_none"),
    );
    expect(unknown.status).toBe(404);
    const nul = await rejectedRoute.GET(
      new Request("http://hookline.test/imports/x/rejected", { headers: { cookie: cookies.viewer } }),
      params("x\u0000"),
    );
    expect(nul.status).toBe(404);
  });
});
