import type { Metadata } from "next";
import { PortalHooks } from "./_components/portal-hooks";

export const metadata: Metadata = { title: "Hooks" };

export default async function PortalHome({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <PortalHooks token={token} />;
}
