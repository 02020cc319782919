import { ConsoleLoading } from '@/components/admin/console-loading';
import { Skeleton } from '@/components/ui/skeleton';

export default function AdminItemLoading() {
  return (
    <ConsoleLoading label="Loading item…">
      <Skeleton className="mb-3 h-5 w-64 max-w-full" />
      <Skeleton className="mb-8 h-9 w-72 max-w-full" />
      <Skeleton className="h-96 max-w-3xl rounded-3xl" />
    </ConsoleLoading>
  );
}
