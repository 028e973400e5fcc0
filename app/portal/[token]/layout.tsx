// The self-service portal's frame: the account's branding, the key whose hooks these are, and the
// portal's own pages only — no admin sidebar, nothing else of the app. A link that is forged,
// altered, expired or revoked shows one clear page, whatever the reason.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { brandColors, PublicShell } from "@/components/layout/public-shell";
import { getDb } from "@/server/database";
import { resolvePortalSession } from "@/server/portal/portal-session.service";
import { brandingForPages } from "@/server/settings/branding";
import { PORTAL_LINK_INVALID } from "@/server/trpc/portal";
import { PortalNav } from "./_components/portal-nav";
import { PortalTrpcProvider } from "./_components/portal-trpc";

// The token in the address is a credential: no indexing (no Referer either: security headers).
export const metadata: Metadata = {
  title: { default: "Your webhooks", template: "%s · Webhooks" },
  robots: { index: false, follow: false },
};
export const dynamic = "force-dynamic";

export default async function PortalLayout({
  params,
  children,
}: {
  params: Promise<{ token: string }>;
  children: ReactNode;
}) {
  const { token } = await params;
  const [brand, session] = await Promise.all([
    brandingForPages(),
    resolvePortalSession(await getDb(), token),
  ]);
  if (!session) {
    return (
      <PublicShell brand={{ ...brand, footer: "" }}>
        <h1 className="text-lg font-semibold text-slate-900">Link expired or invalid</h1>
        <p className="mt-2 text-sm text-slate-600" data-testid="portal-invalid">
          {PORTAL_LINK_INVALID}
        </p>
      </PublicShell>
    );
  }
  return (
    <div style={brandColors(brand.color)} className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          {/* On a phone the key's name goes under the brand, whole, rather than beside it in pieces. */}
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            {brand.logo_url ? (
              // biome-ignore lint/performance/noImgElement: an admin's logo on any https host; next/image would need each host configured
              <img src={brand.logo_url} alt="" className="h-7 w-7 rounded-md object-contain" />
            ) : (
              <span className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white">
                {brand.name.slice(0, 1).toUpperCase()}
              </span>
            )}
            <span className="font-semibold tracking-tight">{brand.name}</span>
            <span className="w-full text-sm text-slate-500 sm:w-auto">
              <span className="hidden sm:inline">· </span>webhooks of {session.apiKeyName}
            </span>
          </div>
          <PortalNav token={token} />
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-6">
        <PortalTrpcProvider token={token}>{children}</PortalTrpcProvider>
      </main>
      <footer className="mx-auto max-w-5xl px-4 pb-8 text-xs text-slate-500">
        This link works until {session.expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC.
      </footer>
    </div>
  );
}
