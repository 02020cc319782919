import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { ItemForm } from '@/components/admin/item-form';
import { PageHeader } from '@/components/admin/page-header';
import { PhotoField } from '@/components/admin/photo-field';
import { styles } from '@/components/admin/styles';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';
import { illustrationForCategory } from '@/lib/illustrations';
import { getItemForEdit } from '@/lib/menus/admin-reads';

import { saveItem } from '../../actions';

interface Props {
  params: Promise<{ slug: string; id: string }>;
}

async function load({ params }: Props) {
  const { slug, id } = await params;
  return getItemForEdit(slug, id);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const found = await load(props);
  return { title: found ? `Edit ${found.item.name}` : 'Edit item' };
}

export default async function AdminItemPage(props: Props) {
  const admin = await requireAdmin();
  if (!admin) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
  // The layout has already turned unknown items into a 404; this narrows the types.
  const found = await load(props);
  if (!found) notFound();
  const { restaurant, category, item } = found;
  const restaurantPath = `/admin/restaurants/${restaurant.slug}`;

  return (
    <>
      <PageHeader
        title={`Edit ${item.name}`}
        crumbs={[
          { label: 'Restaurants', href: `/admin/restaurants?city=${restaurant.city.slug}` },
          { label: restaurant.name, href: restaurantPath },
          { label: item.name },
        ]}
      >
        On the menu of {restaurant.name}, {restaurant.city.name}.
      </PageHeader>
      <section aria-labelledby="item-heading" className={`${styles.card} max-w-3xl`}>
        <h2 id="item-heading" className="sr-only">
          Item details
        </h2>
        <ItemForm
          action={saveItem.bind(null, restaurant.slug, item.id)}
          categories={restaurant.categories.map(({ id, name }) => ({ id, name }))}
          item={item}
          reloadHref={`${restaurantPath}/items/${item.id}`}
          label={`Edit ${item.name}`}
        />
      </section>
      <section aria-labelledby="item-photo-heading" className={`${styles.card} mt-8 max-w-3xl`}>
        <h2 id="item-photo-heading" className={`${styles.sectionTitle} mb-4`}>
          Photo
        </h2>
        <PhotoField
          endpoint={`/api/admin/restaurants/${restaurant.slug}/items/${item.id}/photo`}
          photoUrl={item.photoUrl}
          fallbackUrl={illustrationForCategory(category.name)}
          label="Dish photo"
          testId="dish-photo"
        />
      </section>
      <p className="mt-6 text-sm">
        <Link prefetch={false} href={restaurantPath} className={styles.textLink}>
          <span aria-hidden="true">← </span>Back to {restaurant.name}
        </Link>
      </p>
    </>
  );
}
