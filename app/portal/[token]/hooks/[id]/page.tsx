import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/server/database";
import { portalPageState } from "@/server/portal/portal-pages";
import { PortalHook } from "../../_components/portal-hook";

export const metadata: Metadata = { title: "Hook" };

export default async function PortalHookPage({ params }: { params: Promise<{ token: string; id: string }> }) {
  const { token, id } = await params;
  const state = await portalPageState(await getDb(), token, { hookId: id });
  if (state === "invalid") return null;
  if (state === "not_found") notFound();
  return <PortalHook token={token} hookId={id} />;
}
