import type { Metadata } from "next";
import { NotFoundCard } from "@/components/layout/not-found-card";

export const metadata: Metadata = { title: "Page not found" };

/** Any address nothing answers: Hookline's look, not the framework's bare page. */
export default function NotFound() {
  return (
    <NotFoundCard
      fullScreen
      title="Page not found"
      description="Nothing lives at this address. The link may be old, or the page was moved."
      back={{ href: "/", label: "Go to the dashboard" }}
    />
  );
}
