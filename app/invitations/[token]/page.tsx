import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/layout/auth-card";
import { findInvitation, unusableInvitationMessage } from "@/server/auth/invitation.service";
import { getDb } from "@/server/database";
import { ROLE_LABELS } from "@/shared/permissions";
import { AcceptInvitationForm } from "./_components/accept-invitation-form";

// The token in the address is a credential: no caching, no indexing (Referrer-Policy: no-referrer
// comes from the security headers for every /invitations/ page).
export const metadata: Metadata = { title: "Invitation", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation(await getDb(), token);
  if (invitation.state !== "pending") {
    return (
      <AuthCard title="This invitation can't be used" subtitle={unusableInvitationMessage(invitation.state)}>
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  const role = ROLE_LABELS[invitation.role];
  return (
    <AuthCard
      title="Join Hookline"
      subtitle={`You're invited as ${role.one.toLowerCase()}: ${role.summary} Choose a password to finish.`}
    >
      <AcceptInvitationForm token={token} email={invitation.email} />
    </AuthCard>
  );
}
