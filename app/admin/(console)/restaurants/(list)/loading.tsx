import { ConsoleLoading } from '@/components/admin/console-loading';
import { Skeleton } from '@/components/ui/skeleton';

export default function AdminRestaurantsLoading() {
  return (
    <ConsoleLoading label="Loading restaurants…">
      <Skeleton className="mb-8 h-9 w-56" />
      <div className="mb-6 flex flex-wrap gap-4">
        <Skeleton className="h-12 w-40 rounded-xl" />
        <Skeleton className="h-12 min-w-56 flex-1 rounded-xl" />
      </div>
      <div className="flex flex-col gap-3" aria-hidden="true">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-12" />
        ))}
      </div>
    </ConsoleLoading>
  );
}
