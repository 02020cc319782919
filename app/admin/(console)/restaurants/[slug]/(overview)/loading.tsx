import { ConsoleLoading } from '@/components/admin/console-loading';
import { Skeleton } from '@/components/ui/skeleton';

export default function AdminRestaurantLoading() {
  return (
    <ConsoleLoading label="Loading restaurant…">
      <Skeleton className="mb-3 h-5 w-64 max-w-full" />
      <Skeleton className="mb-8 h-9 w-80 max-w-full" />
      <div className="grid gap-8 lg:grid-cols-[2fr_3fr]">
        <Skeleton className="h-72 rounded-3xl" />
        <Skeleton className="h-72 rounded-3xl" />
      </div>
      <Skeleton className="mt-8 h-96 rounded-3xl" />
    </ConsoleLoading>
  );
}
