// A rule's wait, stored in minutes, entered and read in the unit a person would say it in.
import { quantity } from "@/components/ui/quantity";

export const DELAY_UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
export type DelayUnit = keyof typeof DELAY_UNITS;

export function delayMinutes(amount: number, unit: DelayUnit): number {
  return amount * DELAY_UNITS[unit];
}

/** The largest unit that divides the delay: 4320 minutes opens as 3 days, 90 as 90 minutes. */
export function splitDelay(minutes: number): { amount: number; unit: DelayUnit } {
  if (minutes > 0 && minutes % DELAY_UNITS.days === 0)
    return { amount: minutes / DELAY_UNITS.days, unit: "days" };
  if (minutes > 0 && minutes % DELAY_UNITS.hours === 0)
    return { amount: minutes / DELAY_UNITS.hours, unit: "hours" };
  return { amount: minutes, unit: "minutes" };
}

export function delayText(minutes: number): string {
  if (minutes === 0) return "right away";
  const { amount, unit } = splitDelay(minutes);
  return `after ${quantity(amount, unit.slice(0, -1))}`;
}
