import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requireUser } from "@/server/auth/current-user";
import { TIME_ZONES } from "@/server/auth/time-zones";
import { config } from "@/server/config/config";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { AccountCard } from "./_components/account-card";
import { AdminsCard } from "./_components/admins-card";
import { AlertsCard } from "./_components/alerts-card";
import { BrandingCard } from "./_components/branding-card";
import { RetentionCard } from "./_components/retention-card";
import { TimeZoneCard } from "./_components/time-zone-card";
import { TwoFactorCard } from "./_components/two-factor-card";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const me = await requireUser();
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.user.list.queryOptions()),
    queryClient.prefetchQuery(trpc.twoFactor.status.queryOptions()),
    queryClient.prefetchQuery(trpc.twoFactor.requirement.queryOptions()),
    queryClient.prefetchQuery(trpc.settings.branding.queryOptions()),
    queryClient.prefetchQuery(trpc.alert.alertUrl.queryOptions()),
  ]);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your account, the admins who can sign in to Hookline, alerts, and how long history is kept."
      />
      <div className="grid max-w-5xl items-start gap-6 xl:grid-cols-5">
        <div className="grid gap-6 xl:col-span-2">
          <AccountCard email={me.email} />
          <TimeZoneCard zone={me.timeZone} zones={TIME_ZONES} />
          <RetentionCard days={config().retentionDays} />
        </div>
        <div className="grid gap-6 xl:col-span-3">
          <HydrationBoundary state={dehydrate(queryClient)}>
            <AdminsCard me={me} />
            <TwoFactorCard />
            <AlertsCard />
            <BrandingCard />
          </HydrationBoundary>
        </div>
      </div>
    </>
  );
}
