import { ConsoleLoading, HeaderSkeleton } from '@/components/admin/console-loading';
import { Skeleton } from '@/components/ui/skeleton';

/** In a route group of its own, so it wraps the dashboard alone, not the console's other pages. */
export default function AdminDashboardLoading() {
  return (
    <ConsoleLoading label="Loading the dashboard…">
      <HeaderSkeleton titleWidth="w-40" />
      <div className="grid gap-4 lg:grid-cols-3">
        <Skeleton className="h-40 rounded-3xl" />
        <Skeleton className="h-40 rounded-3xl lg:col-span-2" />
      </div>
      <Skeleton className="mt-4 h-40 rounded-3xl" />
    </ConsoleLoading>
  );
}
