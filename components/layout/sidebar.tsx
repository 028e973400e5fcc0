"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSignOut } from "./use-sign-out";

export interface NavItem {
  href: string;
  label: string;
}

export function Sidebar({ items, email }: { items: NavItem[]; email: string }) {
  const pathname = usePathname();
  const signOut = useSignOut();

  return (
    // The aside stretches with the page (its border and background run to the bottom); the inner
    // column sticks, so navigation stays in view on long pages.
    <aside className="w-60 shrink-0 border-r border-slate-200 bg-white">
      <div className="sticky top-0 flex h-screen flex-col">
        <div className="flex h-14 items-center gap-2 border-b border-slate-200 px-5">
          <span className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white">
            H
          </span>
          <span className="font-semibold tracking-tight">Hookline</span>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 p-3">
          {items.map((item) => {
            const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${
                  active
                    ? "bg-brand-50 text-brand-700"
                    : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"
                }`}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="border-t border-slate-200 p-3">
          <p className="truncate px-3 pb-2 text-xs text-slate-500" title={email}>
            {email}
          </p>
          <button
            type="button"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
            className="w-full rounded-md px-3 py-2 text-left text-sm font-medium text-slate-600 hover:bg-slate-50 hover:text-slate-900"
          >
            Sign out
          </button>
        </div>
      </div>
    </aside>
  );
}
