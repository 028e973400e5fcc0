"use client";
import { usePathname } from "next/navigation";
// The way back to the portal's hooks from a page that has no token of its own to build it from (the
// not-found page gets no params): the token is the address's second segment.
import { ButtonLink } from "@/components/ui/button-link";
import { portalHref } from "./portal-href";

export function PortalHomeLink() {
  const token = usePathname().split("/")[2] ?? "";
  return (
    <ButtonLink href={portalHref(token)} variant="secondary">
      Your hooks
    </ButtonLink>
  );
}
