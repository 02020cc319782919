import { Skeleton } from '@/components/ui/skeleton';

export default function AdminCacheLoading() {
  return (
    <div className="animate-pulse motion-reduce:animate-none">
      <p className="sr-only" role="status">
        Reading Redis…
      </p>
      <Skeleton className="mb-2 h-9 w-40" />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
      <div className="mb-8 grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-48 rounded-3xl" />
        ))}
      </div>
      <Skeleton className="h-96 rounded-3xl" />
    </div>
  );
}
