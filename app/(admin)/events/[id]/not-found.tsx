import { NotFoundCard } from "@/components/layout/not-found-card";

export default function EventNotFound() {
  return (
    <NotFoundCard
      title="Event not found"
      description="There is no event with that id. Events older than the retention period are deleted."
      back={{ href: "/events", label: "Back to events" }}
    />
  );
}
