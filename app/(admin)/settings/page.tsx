import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requireUser } from "@/server/auth/current-user";
import { TIME_ZONES } from "@/server/auth/time-zones";
import { config } from "@/server/config/config";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { can } from "@/shared/permissions";
import { NotAllowed } from "../_components/role";
import { AccountCard } from "./_components/account-card";
import { AlertsCard } from "./_components/alerts-card";
import { BrandingCard } from "./_components/branding-card";
import { RetentionCard } from "./_components/retention-card";
import { TimeZoneCard } from "./_components/time-zone-card";
import { TwoFactorCard } from "./_components/two-factor-card";
import { UsersCard } from "./_components/users-card";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const me = await requireUser();
  // What the role may not read is neither fetched nor shown: the page never meets a 403.
  const seesSettings = can(me.role, "settings.read");
  const seesUsers = can(me.role, "users.read");
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.twoFactor.status.queryOptions()),
    queryClient.prefetchQuery(trpc.twoFactor.requirement.queryOptions()),
    seesUsers ? queryClient.prefetchQuery(trpc.user.list.queryOptions()) : null,
    seesUsers ? queryClient.prefetchQuery(trpc.invitation.list.queryOptions()) : null,
    seesSettings ? queryClient.prefetchQuery(trpc.settings.branding.queryOptions()) : null,
    seesSettings ? queryClient.prefetchQuery(trpc.alert.alertUrl.queryOptions()) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          seesSettings
            ? "Your account, the users who can sign in to Hookline, alerts, and how long history is kept."
            : "Your account."
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="grid max-w-5xl items-start gap-6 xl:grid-cols-5">
          <div className="grid gap-6 xl:col-span-2">
            <AccountCard email={me.email} />
            <TimeZoneCard zone={me.timeZone} zones={TIME_ZONES} />
            {seesSettings ? <RetentionCard days={config().retentionDays} /> : null}
          </div>
          <div className="grid gap-6 xl:col-span-3">
            <TwoFactorCard />
            {seesSettings ? <AlertsCard /> : null}
            {seesSettings ? <BrandingCard /> : <NotAllowed action="settings.read" />}
          </div>
          {/* Full width: the table has a role and an action per user. */}
          {seesUsers ? (
            <div className="xl:col-span-5">
              <UsersCard me={me} />
            </div>
          ) : null}
        </div>
      </HydrationBoundary>
    </>
  );
}
