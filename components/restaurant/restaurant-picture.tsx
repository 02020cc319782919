import { FillImage } from '@/components/ui/fill-image';
import { illustrationForRestaurant } from '@/lib/illustrations';
import type { RestaurantSummary } from '@/lib/menus/types';

/**
 * A restaurant's cover photo through next/image (resized to `sizes`), or else its cuisine's drawing as
 * a static, immutable file: one cached request per cuisine, never SVG inlined into every card.
 * Decorative (alt=""): the restaurant's name is always beside it. The parent is positioned and sized.
 */
export function RestaurantPicture({
  restaurant,
  sizes,
  priority = false,
  dimmed = false,
}: {
  restaurant: Pick<RestaurantSummary, 'photoUrl' | 'cuisines'>;
  sizes: string;
  priority?: boolean;
  dimmed?: boolean;
}) {
  const dim = dimmed ? 'opacity-60 grayscale' : '';
  if (restaurant.photoUrl) {
    return <FillImage src={restaurant.photoUrl} sizes={sizes} priority={priority} className={dim} testId="restaurant-photo" />;
  }
  return (
    <div className={`flex size-full items-center justify-center bg-brand-50 ${dim}`}>
      {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG: nothing for the optimizer to do. */}
      <img
        src={illustrationForRestaurant(restaurant)}
        alt=""
        width={160}
        height={160}
        loading={priority ? 'eager' : 'lazy'}
        decoding="async"
        className="h-4/5 w-auto max-w-4/5 object-contain"
        data-testid="restaurant-illustration"
      />
    </div>
  );
}
