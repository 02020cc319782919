import { formatCompactCount } from '@/lib/format';

/** Beside a rating: how many ratings it is the mean of ("1.2k ratings"). Nothing for an unrated place. */
export function RatingCount({ count, className = '' }: { count: number; className?: string }) {
  if (!(count > 0)) return null;
  return (
    <span data-testid="rating-count" className={`text-muted ${className}`}>
      ({formatCompactCount(count)} {count === 1 ? 'rating' : 'ratings'})
    </span>
  );
}
