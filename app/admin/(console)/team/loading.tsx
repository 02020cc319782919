import { Skeleton } from '@/components/ui/skeleton';

export default function AdminTeamLoading() {
  return (
    <div className="animate-pulse motion-reduce:animate-none">
      <p className="sr-only" role="status">
        Loading the team…
      </p>
      <Skeleton className="mb-2 h-9 w-32" />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
      <Skeleton className="mb-8 h-72 rounded-3xl" />
      <Skeleton className="h-64 rounded-3xl" />
    </div>
  );
}
