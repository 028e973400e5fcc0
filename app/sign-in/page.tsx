import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/layout/auth-card";
import { getCurrentUser } from "@/server/auth/current-user";
import { safeReturnPath } from "@/server/auth/return-path";
import { hasAnyUser } from "@/server/auth/user.service";
import { getDb } from "@/server/database";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const returnTo = safeReturnPath((await searchParams).next);
  if (!(await hasAnyUser(await getDb()))) redirect("/setup");
  if (await getCurrentUser()) redirect(returnTo);
  return (
    <AuthCard title="Sign in" subtitle="Manage contacts and the hooks that follow them.">
      <SignInForm returnTo={returnTo} />
    </AuthCard>
  );
}
