import { NotFoundCard } from "@/components/layout/not-found-card";

export default function DeliveryNotFound() {
  return (
    <NotFoundCard
      title="Delivery not found"
      description="There is no such delivery for this hook. Deliveries go when their hook is deleted."
      back={{ href: "/hooks", label: "Back to hooks" }}
    />
  );
}
