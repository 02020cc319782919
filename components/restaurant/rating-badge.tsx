import { formatRating } from '@/lib/format';

/** Green pill with a star: "★ 4.3". Unrated places read "New". */
export function RatingBadge({
  rating,
  size = 'sm',
  muted = false,
}: {
  rating: number;
  size?: 'sm' | 'md';
  /** Grey instead of green, for closed restaurants. */
  muted?: boolean;
}) {
  const label = rating > 0 ? `Rated ${rating.toFixed(1)} out of 5` : 'New, not rated yet';
  const sizing = size === 'md' ? 'gap-1 px-2 py-1 text-sm' : 'gap-0.5 px-1.5 py-0.5 text-xs';
  return (
    <span className={`inline-flex items-center rounded-md font-bold ${muted ? 'bg-stone-500' : 'bg-rating'} text-white ${sizing}`}>
      <span className="icon-star size-3.5" aria-hidden="true" />
      <span aria-hidden="true">{formatRating(rating)}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
