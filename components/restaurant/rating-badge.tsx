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
      <svg viewBox="0 0 20 20" className="size-3.5" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M10 1.8l2.47 5.26 5.73.67-4.24 3.93 1.12 5.67L10 14.5l-5.08 2.83 1.12-5.67L1.8 7.73l5.73-.67z"
        />
      </svg>
      <span aria-hidden="true">{formatRating(rating)}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
