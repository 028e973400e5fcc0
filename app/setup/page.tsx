import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/layout/auth-card";
import { hasAnyUser } from "@/server/auth/user.service";
import { getDb } from "@/server/database";
import { SetupForm } from "./_components/setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  // Setup exists only until the first admin does.
  if (await hasAnyUser(await getDb())) redirect("/sign-in");
  return (
    <AuthCard title="Welcome to Hookline" subtitle="Create the first admin account to get started.">
      <SetupForm />
    </AuthCard>
  );
}
