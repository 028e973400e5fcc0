import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/server/database";
import { portalPageState } from "@/server/portal/portal-pages";
import { PortalDelivery } from "../../../../_components/portal-delivery";

export const metadata: Metadata = { title: "Delivery" };

export default async function PortalDeliveryPage({
  params,
}: {
  params: Promise<{ token: string; id: string; deliveryId: string }>;
}) {
  const { token, id, deliveryId } = await params;
  const state = await portalPageState(await getDb(), token, { hookId: id, deliveryId });
  if (state === "invalid") return null;
  if (state === "not_found") notFound();
  return <PortalDelivery token={token} hookId={id} deliveryId={deliveryId} />;
}
