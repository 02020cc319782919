import { Container } from '@/components/layout/container';
import { Skeleton } from '@/components/ui/skeleton';

export default function MenuLoading() {
  return (
    <Container width="narrow" className="animate-pulse py-6 motion-reduce:animate-none sm:py-8">
      <p className="sr-only" role="status">
        Loading menu…
      </p>
      <Skeleton className="mb-4 h-5 w-64 max-w-full" />
      <div className="overflow-hidden rounded-3xl border border-line bg-white">
        <Skeleton className="aspect-[2/1] rounded-none sm:aspect-[3/1] lg:aspect-[4/1]" />
        <div className="flex flex-col gap-3 p-5 sm:p-6">
          <Skeleton className="h-8 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-4 w-1/3" />
          <Skeleton className="mt-1 h-6 w-64 max-w-full" />
        </div>
      </div>
      <div className="mt-6">
        <div className="flex gap-2 overflow-hidden border-b border-line py-3">
          {['w-28', 'w-24', 'w-32', 'w-20', 'w-28'].map((width, i) => (
            <Skeleton key={i} className={`h-9 shrink-0 rounded-full ${width}`} />
          ))}
        </div>
        <Skeleton className="mt-6 h-6 w-40" />
        <ul className="divide-y divide-line" aria-hidden="true">
          {Array.from({ length: 4 }, (_, i) => (
            <li key={i} className="flex gap-4 py-5 sm:gap-6">
              <div className="flex-1 space-y-2">
                <Skeleton className="size-4" />
                <Skeleton className="h-5 w-1/2" />
                <Skeleton className="h-4 w-16" />
                <Skeleton className="h-4 w-5/6" />
              </div>
              <Skeleton className="h-10 w-24 self-center rounded-lg sm:w-28" />
            </li>
          ))}
        </ul>
      </div>
    </Container>
  );
}
