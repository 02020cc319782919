import { ConsoleLoading, HeaderSkeleton } from '@/components/admin/console-loading';
import { Skeleton } from '@/components/ui/skeleton';

export default function AdminTeamLoading() {
  return (
    <ConsoleLoading label="Loading the team…">
      <HeaderSkeleton titleWidth="w-32" />
      <Skeleton className="mb-8 h-72 rounded-3xl" />
      <Skeleton className="h-64 rounded-3xl" />
    </ConsoleLoading>
  );
}
