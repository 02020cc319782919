import 'server-only';

/**
 * Time buckets for counters. Days and hours are Indian Standard Time: "views today" on an Indian
 * food-delivery site means since midnight in India, not in London. IST has no daylight saving, so a
 * fixed offset is exact and every instance agrees on bucket names whatever its own TZ setting.
 */
const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

function ist(at: Date | number): string {
  return new Date(+at + IST_OFFSET_MS).toISOString();
}

/** "2025-03-09": the IST calendar day, as Postgres `date` and the day keys spell it. */
export function dayOf(at: Date | number): string {
  return ist(at).slice(0, 10);
}

/** "2025030914": the IST hour, for trending buckets. */
export function hourOf(at: Date | number): string {
  const iso = ist(at);
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}`;
}

/** The last `count` IST days up to and including today, oldest first. */
export function lastDays(at: Date | number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => dayOf(+at - (count - 1 - index) * DAY_MS));
}

/** The last `count` IST hours up to and including the current one, oldest first. */
export function lastHours(at: Date | number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => hourOf(+at - (count - 1 - index) * HOUR_MS));
}

/** The days "this week" covers on the menu page and the admin dashboard. */
export const WEEK_DAYS = 7;

/** Milliseconds from `at` until its IST hour (hourOf) ends. */
export function msToNextHour(at: Date | number): number {
  return HOUR_MS - ((+at + IST_OFFSET_MS) % HOUR_MS);
}
