/** Display formatting shared by pages and components. Pure: no data access. */

const rupeesWithPaise = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
const wholeRupees = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/**
 * Integer paise to an Indian-grouped rupee amount: 24900 → "₹249", 1234550 → "₹12,345.50".
 * Whole rupees drop the ".00"; anything else keeps both paise digits.
 */
export function formatRupees(paise: number): string {
  const whole = Math.round(paise);
  return whole % 100 === 0 ? wholeRupees.format(whole / 100) : rupeesWithPaise.format(whole / 100);
}

/** Cost for two is stored in whole rupees: 400 → "₹400 for two". */
export function formatCostForTwo(rupees: number): string {
  return `${formatRupees(rupees * 100)} for two`;
}

/** The delivery fee before checkout: 3900 → "₹39 delivery", 0 → "Free delivery". */
export function formatDeliveryFee(paise: number): string {
  return paise > 0 ? `${formatRupees(paise)} delivery` : 'Free delivery';
}

/** 32 → "32 mins", 1 → "1 min". */
export function formatDeliveryTime(minutes: number): string {
  const rounded = Math.max(0, Math.round(minutes));
  return `${rounded} ${rounded === 1 ? 'min' : 'mins'}`;
}

/**
 * A time of day as stored ("HH:MM", 24-hour, India's) as the order page writes times: "07:30" →
 * "7:30 am", "19:00" → "7:00 pm"; null for anything else (nothing is said rather than a wrong time).
 */
export function formatTimeOfDay(time: string | null | undefined): string | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time ?? '');
  if (!match) return null;
  const hours = Number(match[1]);
  return `${hours % 12 === 0 ? 12 : hours % 12}:${match[2]} ${hours < 12 ? 'am' : 'pm'}`;
}

/**
 * What a restaurant promises: its delivery time or, closed, when it opens ("Opens at 11:00 am") when its
 * admin said, else "Closed now". A daily time, not "today" or "tomorrow": the pages saying it are
 * shared and cached, so they must not depend on the hour they were rendered at.
 */
export function formatDeliveryPromise(restaurant: { isOpen: boolean; deliveryMinutes: number; opensAt?: string | null }): string {
  if (restaurant.isOpen) return formatDeliveryTime(restaurant.deliveryMinutes);
  const opens = formatTimeOfDay(restaurant.opensAt);
  return opens ? `Opens at ${opens}` : 'Closed now';
}

/** A closed restaurant's state in a few words: "Closed · opens at 11:00 am", or "Currently closed". */
export function formatClosed(opensAt: string | null | undefined): string {
  const opens = formatTimeOfDay(opensAt);
  return opens ? `Closed · opens at ${opens}` : 'Currently closed';
}

/** A rating of 0 means nobody has rated the place yet. */
export function formatRating(rating: number): string {
  return rating > 0 ? rating.toFixed(1) : 'New';
}

/** Lookup durations: "<1 ms" under a millisecond, whole milliseconds otherwise. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '? ms';
  if (ms < 1) return '<1 ms';
  return `${Math.round(ms)} ms`;
}

/**
 * How long to wait before trying again, from whole seconds: minutes (at least 1) under two hours,
 * whole hours from there, so a day's block doesn't read "1440 min".
 */
export function formatWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes < 120 ? `${minutes} min` : `${Math.ceil(minutes / 60)} h`;
}

/** "1 restaurant", "12 restaurants". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

const COMPACT_UNITS = [
  { size: 1_000_000_000, unit: 'B' },
  { size: 1_000_000, unit: 'M' },
  { size: 1_000, unit: 'k' },
] as const;

/**
 * Counts as people read them on a busy page: 950 → "950", 1,234 → "1.2k", 12,345 → "12k",
 * 1,250,000 → "1.2M". One decimal below ten of a unit, none above. Rounded down, so a count is never
 * shown bigger than it is (and 999,999 stays "999k" instead of becoming "1000k").
 */
export function formatCompactCount(count: number): string {
  const whole = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  const match = COMPACT_UNITS.find(({ size }) => whole >= size);
  if (!match) return String(whole);
  // Integer arithmetic: 2,300 / 1,000 * 10 in floating point is not always 23.
  const tenths = Math.floor(whole / (match.size / 10));
  const units = Math.floor(tenths / 10);
  const decimal = tenths < 100 && tenths % 10 !== 0 ? `.${tenths % 10}` : '';
  return `${units}${decimal}${match.unit}`;
}

/** A number of views as people read it: "1 view", "12 views", "1.2k views". */
export function formatViewCount(count: number): string {
  return `${formatCompactCount(count)} ${count === 1 ? 'view' : 'views'}`;
}

/** The menu page's views line: "1 view this week", "1.2k views this week" (none: no line at all). */
export function formatWeeklyViews(count: number): string {
  return `${formatViewCount(count)} this week`;
}

const CLOCK = new Intl.DateTimeFormat('en-IN', { hour: 'numeric', minute: '2-digit', timeZone: 'Asia/Kolkata' });

/** A time of day in India, where the orders are: "7:42 pm". */
export function formatClockTime(date: Date): string {
  return CLOCK.format(date);
}

const CLOCK_SECONDS = new Intl.DateTimeFormat('en-IN', { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Kolkata' });

/** A time of day in India to the second, for texts sent moments apart (the demo outbox): "7:42:05 pm". */
export function formatClockTimeWithSeconds(date: Date): string {
  return CLOCK_SECONDS.format(date);
}

const DAY = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Kolkata' });

/** A day and time in India, for a list of orders: "6 Dec 2026, 3:30 pm". */
export function formatDayAndTime(date: Date): string {
  return `${DAY.format(date)}, ${CLOCK.format(date)}`;
}

/** How long ago, for a list that is read at a glance (the demo outbox): "just now", "2 min ago", "3 h ago". */
export function formatAgo(elapsedMs: number): string {
  const minutes = Math.floor(Math.max(0, elapsedMs) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}
