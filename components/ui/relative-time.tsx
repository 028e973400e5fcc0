"use client";
import { useEffect, useState } from "react";
import { formatAbsolute, useTimeZone } from "./time-zone";

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/**
 * "5 minutes ago" / "in 5 minutes". Only a time that may lie ahead (a scheduled retry) reads as
 * future; anything that happened reads "just now" however far the browser's clock trails the server's.
 */
export function formatRelative(date: Date, now: number, { ahead = false } = {}): string {
  const raw = Math.round((date.getTime() - now) / 1000);
  const seconds = ahead ? raw : Math.min(raw, 0);
  // Seconds would go stale between refreshes; a retry a few seconds off is not "just now".
  if (seconds >= 1 && seconds < 45) return "in under a minute";
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), "minute");
}

/**
 * "5 minutes ago", with the exact time on hover. Reads the clock on every render (live data
 * re-renders it) and at least every half minute; `ahead` for times that may be in the future.
 */
export function RelativeTime({
  iso,
  ahead = false,
  className = "",
}: {
  iso: string;
  ahead?: boolean;
  className?: string;
}) {
  const [, setTick] = useState(0);
  const zone = useTimeZone();
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Date(iso);
  return (
    // The server renders in its own clock and time zone; the browser's take wins without a warning.
    <time dateTime={iso} title={formatAbsolute(iso, zone)} className={className} suppressHydrationWarning>
      {formatRelative(date, Date.now(), { ahead })}
    </time>
  );
}
