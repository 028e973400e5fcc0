"use client";
// The portal's own pages, the one being read marked as such (for the eye and for screen readers).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { portalHref } from "./portal-href";

const PAGES = [
  ["Hooks", ""],
  ["Events", "/events"],
  ["Receiving guide", "/guide"],
] as const;

export function PortalNav({ token }: { token: string }) {
  const pathname = usePathname();
  const home = portalHref(token);
  return (
    <nav aria-label="Portal" className="flex flex-wrap gap-1 text-sm">
      {PAGES.map(([label, path]) => {
        const href = portalHref(token, path);
        // A hook's and a delivery's pages are under Hooks.
        const current =
          path === "" ? pathname === home || pathname.startsWith(`${home}/hooks`) : pathname === href;
        return (
          <Link
            key={label}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-2.5 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${
              current
                ? "bg-brand-50 text-brand-700"
                : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
