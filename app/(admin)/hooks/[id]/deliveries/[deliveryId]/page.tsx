import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { DeliveryDetailView } from "../../../_components/delivery-detail";
import { loadHookOr404 } from "../../../_components/load-hook";

export const metadata: Metadata = { title: "Delivery" };

export default async function DeliveryPage({
  params,
}: {
  params: Promise<{ id: string; deliveryId: string }>;
}) {
  const { id, deliveryId } = await params;
  const queryClient = getQueryClient();
  await loadHookOr404(id);
  try {
    await queryClient.fetchQuery(trpc.delivery.get.queryOptions({ hookId: id, deliveryId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DeliveryDetailView hookId={id} deliveryId={deliveryId} />
    </HydrationBoundary>
  );
}
