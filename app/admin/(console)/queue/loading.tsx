import { ConsoleLoading, HeaderSkeleton } from '@/components/admin/console-loading';
import { Skeleton } from '@/components/ui/skeleton';

export default function AdminQueueLoading() {
  return (
    <ConsoleLoading label="Reading the queues…">
      <HeaderSkeleton titleWidth="w-32" />
      <div className="flex flex-col gap-8">
        <Skeleton className="h-64 rounded-3xl" />
        <Skeleton className="h-64 rounded-3xl" />
      </div>
    </ConsoleLoading>
  );
}
