"use client";
// Absolute times in the admin's own time zone (a setting; the browser's when unset), always 24 h
// and with the zone named, so a time copied into a ticket means the same to everyone who reads it.
import { createContext, type ReactNode, useContext } from "react";

const formats = new Map<string, { full: Intl.DateTimeFormat; clock: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string | undefined) {
  const key = timeZone ?? "";
  let cached = formats.get(key);
  if (!cached) {
    const common = { timeZone, hourCycle: "h23", timeZoneName: "short" } as const;
    cached = {
      full: new Intl.DateTimeFormat("en-GB", {
        ...common,
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      }),
      clock: new Intl.DateTimeFormat("en-GB", {
        ...common,
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      }),
    };
    formats.set(key, cached);
  }
  return cached;
}

/** "5 Dec 2026, 13:04:05 UTC"; `timeZone` undefined is the runtime's own. */
export function formatAbsolute(iso: string, timeZone?: string): string {
  return formatsFor(timeZone).full.format(new Date(iso));
}

/** "13:04:05 UTC". */
export function formatClock(iso: string, timeZone?: string): string {
  return formatsFor(timeZone).clock.format(new Date(iso));
}

const TimeZoneContext = createContext<string | undefined>(undefined);

/** The signed-in admin's zone for everything below; null leaves it to the browser. */
export function TimeZoneProvider({ zone, children }: { zone: string | null; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone ?? undefined}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string | undefined {
  return useContext(TimeZoneContext);
}

/** A <time> in the admin's zone. Server and browser may differ in zone: the browser's take wins. */
export function AbsoluteTime({
  iso,
  clockOnly = false,
  className,
}: {
  iso: string;
  clockOnly?: boolean;
  className?: string;
}) {
  const zone = useTimeZone();
  return (
    <time dateTime={iso} className={className} suppressHydrationWarning>
      {clockOnly ? formatClock(iso, zone) : formatAbsolute(iso, zone)}
    </time>
  );
}
