import { restaurantCardLayout } from '@/components/city/restaurant-card';

/** Placeholder with the same boxes as RestaurantCard: art, name, rating line, cuisines, cost. */
export function RestaurantCardSkeleton() {
  return (
    <div className={`${restaurantCardLayout.root} animate-pulse motion-reduce:animate-none`} aria-hidden="true">
      <div className={`${restaurantCardLayout.art} bg-stone-200`} />
      <div className={restaurantCardLayout.body}>
        <div className="my-1 h-5 w-3/4 rounded bg-stone-200" />
        <div className="my-0.5 h-4 w-1/2 rounded bg-stone-200" />
        <div className="my-0.5 h-4 w-5/6 rounded bg-stone-200" />
        <div className="my-0.5 h-4 w-1/3 rounded bg-stone-200" />
      </div>
    </div>
  );
}
