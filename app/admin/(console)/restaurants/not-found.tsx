import Link from 'next/link';

import { styles } from '@/components/admin/styles';
import { EmptyPlate } from '@/components/ui/empty-plate';

export default function AdminRestaurantNotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 py-12 text-center">
      <EmptyPlate className="w-40" />
      <p className="text-sm font-semibold tracking-widest text-brand-700 uppercase">404</p>
      <h1 className="text-2xl font-extrabold tracking-tight text-ink">No such restaurant or item</h1>
      <p className="text-muted">It may have been deleted, or the link is mistyped.</p>
      <Link prefetch={false} href="/admin/restaurants" className={styles.primaryButton}>
        Back to restaurants
      </Link>
    </div>
  );
}
