import { Skeleton } from '@/components/ui/skeleton';

/** In a route group of its own, so it wraps the dashboard alone, not the console's other pages. */
export default function AdminDashboardLoading() {
  return (
    <div className="animate-pulse motion-reduce:animate-none">
      <p className="sr-only" role="status">
        Loading the dashboard…
      </p>
      <Skeleton className="mb-2 h-9 w-40" />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
      <div className="grid gap-4 lg:grid-cols-3">
        <Skeleton className="h-40 rounded-3xl" />
        <Skeleton className="h-40 rounded-3xl lg:col-span-2" />
      </div>
      <Skeleton className="mt-4 h-40 rounded-3xl" />
    </div>
  );
}
