import { Container } from '@/components/layout/container';
import { RestaurantCardSkeleton } from '@/components/city/restaurant-card-skeleton';
import { RestaurantGrid } from '@/components/city/restaurant-grid';
import { Skeleton } from '@/components/ui/skeleton';

export default function CityLoading() {
  return (
    <Container className="animate-pulse py-6 motion-reduce:animate-none sm:py-8">
      <p className="sr-only" role="status">
        Loading restaurants…
      </p>
      <Skeleton className="mb-3 h-5 w-20" />
      <div className="mb-6">
        {/* A real heading while the city loads, so the page has one (screen readers, axe's page-has-heading-one). */}
        <h1 className="sr-only">Restaurants</h1>
        <Skeleton className="h-8 w-72 max-w-full sm:h-9" />
        <Skeleton className="mt-2 h-4 w-44" />
      </div>
      <div className="mb-8 flex gap-2 overflow-hidden border-b border-line pb-5">
        {['w-24', 'w-28', 'w-20', 'w-24', 'w-32', 'w-28'].map((width, i) => (
          <Skeleton key={i} className={`h-9 shrink-0 rounded-full ${width}`} />
        ))}
      </div>
      <div aria-hidden="true">
        <RestaurantGrid>
          {Array.from({ length: 8 }, (_, i) => (
            <li key={i}>
              <RestaurantCardSkeleton />
            </li>
          ))}
        </RestaurantGrid>
      </div>
    </Container>
  );
}
