// The signed-in admin, for server components and layouts.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/server/database";
import { REQUEST_PATH_HEADER, signInPath } from "./return-path";
import { getSessionUser, type SessionUser } from "./session.service";
import { readSessionToken } from "./session-cookie";
import { hasAnyUser } from "./user.service";

export async function getCurrentUser(): Promise<SessionUser | null> {
  const cookieHeader = (await headers()).get("cookie") ?? (await cookies()).toString();
  return getSessionUser(await getDb(), readSessionToken(cookieHeader));
}

/** For admin pages: a fresh install goes to setup, a visitor to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (user) return user;
  if (!(await hasAnyUser(await getDb()))) redirect("/setup");
  redirect(signInPath((await headers()).get(REQUEST_PATH_HEADER)));
}
