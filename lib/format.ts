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

/** 32 → "32 mins", 1 → "1 min". */
export function formatDeliveryTime(minutes: number): string {
  const rounded = Math.max(0, Math.round(minutes));
  return `${rounded} ${rounded === 1 ? 'min' : 'mins'}`;
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

/** "1 restaurant", "12 restaurants". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
