import { ConsoleLoading, HeaderSkeleton } from '@/components/admin/console-loading';
import { Skeleton } from '@/components/ui/skeleton';

export default function AdminCacheLoading() {
  return (
    <ConsoleLoading label="Reading Redis…">
      <HeaderSkeleton titleWidth="w-40" />
      <div className="mb-8 grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-48 rounded-3xl" />
        ))}
      </div>
      <Skeleton className="h-96 rounded-3xl" />
    </ConsoleLoading>
  );
}
