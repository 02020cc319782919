import { Skeleton } from '@/components/ui/skeleton';

export default function AdminQueueLoading() {
  return (
    <div className="animate-pulse motion-reduce:animate-none">
      <p className="sr-only" role="status">
        Reading the queues…
      </p>
      <Skeleton className="mb-2 h-9 w-32" />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
      <div className="flex flex-col gap-8">
        <Skeleton className="h-64 rounded-3xl" />
        <Skeleton className="h-64 rounded-3xl" />
      </div>
    </div>
  );
}
