// The time zones an admin can choose: the runtime's own IANA list (what it can format), plus UTC.
import { z } from "zod";

export const TIME_ZONES: readonly string[] = ["UTC", ...Intl.supportedValuesOf("timeZone")];
const known = new Set(TIME_ZONES);

/** A zone from the list, or null for "the browser's". */
export const timeZoneSetting = z
  .string()
  .max(64)
  .refine((zone) => known.has(zone), "Choose a time zone from the list.")
  .nullable();
