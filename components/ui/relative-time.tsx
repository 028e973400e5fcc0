"use client";
import { useEffect, useState } from "react";

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

export function formatRelative(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  // Seconds would go stale between refreshes; a retry a few seconds off is not "just now".
  if (seconds >= 1 && seconds < 45) return "in under a minute";
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), "minute");
}

export function formatAbsolute(iso: string): string {
  return absolute.format(new Date(iso));
}

/** "5 minutes ago", with the exact local time on hover; refreshes itself every half minute. */
export function RelativeTime({ iso, className = "" }: { iso: string; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Date(iso);
  return (
    // The server renders in its own clock and time zone; the browser's take wins without a warning.
    <time dateTime={iso} title={absolute.format(date)} className={className} suppressHydrationWarning>
      {formatRelative(date, now)}
    </time>
  );
}
