import { NotFoundCard } from "@/components/layout/not-found-card";

export default function ContactNotFound() {
  return (
    <NotFoundCard
      title="Contact not found"
      description="There is no contact at this address. It may have been deleted, or the link is mistyped."
      back={{ href: "/contacts", label: "Back to contacts" }}
    />
  );
}
