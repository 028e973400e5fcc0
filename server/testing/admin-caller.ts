// A tRPC caller signed in as a new admin, through a real session: for router tests.
import type { Db } from "@/db";
import { createSession } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { createUser } from "@/server/auth/user.service";
import { createTrpcContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

export async function createAdminCaller(
  db: Db,
  email: string,
): Promise<{ caller: ReturnType<typeof createCaller>; user: { id: string; email: string } }> {
  const user = await createUser(db, { email, password: "a long enough password" });
  const session = await createSession(db, user);
  const headers = new Headers({ cookie: `${sessionCookieName(false)}=${session.token}` });
  const caller = createCaller(
    await createTrpcContext({ db, headers, secure: false, resHeaders: new Headers() }),
  );
  return { caller, user };
}
