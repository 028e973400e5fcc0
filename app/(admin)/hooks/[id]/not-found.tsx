import { NotFoundCard } from "@/components/layout/not-found-card";

export default function HookNotFound() {
  return (
    <NotFoundCard
      title="Hook not found"
      description="There is no hook at this address. It may have been deleted — by an admin, its integrator, or a 410 Gone answer from its receiver."
      back={{ href: "/hooks", label: "Back to hooks" }}
    />
  );
}
