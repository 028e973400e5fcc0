"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { UnreadCount } from "./unread-count";
import { useSignOut } from "./use-sign-out";

export interface NavItem {
  href: string;
  label: string;
  /** "unread": shows how many notifications the admin has not read. */
  badge?: "unread";
}

/**
 * The main navigation: a sticky column from `lg` up; below that a top bar whose Menu button opens
 * the same links as a panel over the page (closed again by a link, Escape, or the button).
 */
export function Sidebar({ items, email, role }: { items: NavItem[]; email: string; role: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // A link that leads somewhere closes the panel.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path changing is the trigger
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4 lg:hidden">
        <Brand />
        <button
          type="button"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen(!open)}
          className="inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          <MenuIcon open={open} />
          Menu
          <UnreadCount />
        </button>
      </header>
      {open ? (
        <button
          type="button"
          aria-label="Close the menu"
          tabIndex={-1}
          onClick={() => setOpen(false)}
          className="fixed inset-0 top-14 z-20 bg-slate-900/30 lg:hidden"
        />
      ) : null}
      {/* The aside stretches with the page (its border and background run to the bottom); the
          inner column sticks, so navigation stays in view on long pages. */}
      <aside
        id="main-nav"
        className={`${open ? "fixed inset-x-0 top-14 z-30 block max-h-[calc(100dvh-3.5rem)] overflow-y-auto border-b shadow-lg" : "hidden"} border-slate-200 bg-white lg:static lg:block lg:w-60 lg:shrink-0 lg:border-r lg:border-b-0 lg:shadow-none`}
      >
        <div className="flex flex-col lg:sticky lg:top-0 lg:h-screen">
          <div className="hidden h-14 items-center border-b border-slate-200 px-5 lg:flex">
            <Brand />
          </div>
          <NavLinks items={items} pathname={pathname} />
          <Account email={email} role={role} />
        </div>
      </aside>
    </>
  );
}

function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2">
      <span className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white">
        H
      </span>
      <span className="font-semibold tracking-tight">Hookline</span>
    </Link>
  );
}

function NavLinks({ items, pathname }: { items: NavItem[]; pathname: string }) {
  return (
    <nav aria-label="Main" className="flex-1 space-y-0.5 p-3">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center rounded-md px-3 py-2 text-sm font-medium ${
              active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"
            }`}
          >
            {item.label}
            {item.badge === "unread" ? <UnreadCount /> : null}
          </Link>
        );
      })}
    </nav>
  );
}

function Account({ email, role }: { email: string; role: string }) {
  const signOut = useSignOut();
  return (
    <div className="border-t border-slate-200 p-3">
      <p className="truncate px-3 text-xs text-slate-500" title={email}>
        {email}
      </p>
      <p className="px-3 pb-2 text-xs text-slate-400" data-testid="signed-in-role">
        {role}
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
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
    </svg>
  );
}
