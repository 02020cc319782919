import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { AuditTable } from '@/components/admin/audit-table';
import { ItemForm } from '@/components/admin/item-form';
import { MenuItems } from '@/components/admin/menu-items';
import { PageHeader } from '@/components/admin/page-header';
import { PhotoField } from '@/components/admin/photo-field';
import { OfferForm } from '@/components/admin/offer-form';
import { OrdersWatch } from '@/components/admin/orders-watch';
import { RestaurantForm } from '@/components/admin/restaurant-form';
import { RestaurantOrders } from '@/components/admin/restaurant-orders';
import { styles } from '@/components/admin/styles';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';
import { illustrationForRestaurant } from '@/lib/illustrations';
import { getRestaurantAudit, getRestaurantForEdit } from '@/lib/menus/admin-reads';
import { isSlug } from '@/lib/menus/slug';
import { getOffer } from '@/lib/offers/reads';
import { orderAuditTarget } from '@/lib/orders/audit-target';
import { countRestaurantOrdersOnTheirWay, listRestaurantOrders } from '@/lib/orders/restaurant-orders';

import { addItem, deleteItem, saveRestaurant, saveRestaurantOffer, setItemAvailability } from '../actions';
import { advanceOrderAction, cancelOrderAction } from '../order-actions';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const restaurant = isSlug(slug) ? await getRestaurantForEdit(slug) : null;
  return { title: restaurant ? `Edit ${restaurant.name}` : 'Edit restaurant' };
}

export default async function AdminRestaurantPage({ params }: Props) {
  const admin = await requireAdmin();
  if (!admin) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
  const { slug } = await params;
  // The layout has already turned unknown slugs into a 404; this narrows the types.
  const restaurant = isSlug(slug) ? await getRestaurantForEdit(slug) : null;
  if (!restaurant) notFound();
  const [audit, offer, orders, onTheirWay] = await Promise.all([
    getRestaurantAudit(restaurant.id),
    getOffer(restaurant.id),
    listRestaurantOrders(restaurant.id),
    countRestaurantOrdersOnTheirWay(restaurant.id),
  ]);

  const path = `/admin/restaurants/${restaurant.slug}`;
  const categories = restaurant.categories.map(({ id, name }) => ({ id, name }));
  const items = restaurant.categories.flatMap((category) => category.items);
  const targetNames = new Map([
    [`restaurant:${restaurant.slug}`, 'Restaurant details'],
    [`offer:${restaurant.slug}`, 'Offer'],
    ...items.map((item) => [`menu_item:${item.id}`, item.name] as const),
  ]);

  return (
    <>
      <PageHeader
        title={restaurant.name}
        crumbs={[
          { label: 'Restaurants', href: `/admin/restaurants?city=${restaurant.city.slug}` },
          { label: restaurant.city.name, href: `/admin/restaurants?city=${restaurant.city.slug}` },
          { label: restaurant.name },
        ]}
        actions={
          <div className="flex flex-wrap gap-2">
            {/* Orders are below the forms: a phone scrolled past three of them to reach the order to accept. */}
            <a href="#orders" className={styles.secondaryButton} data-testid="jump-to-orders">
              {onTheirWay > 0 ? `Orders · ${onTheirWay} on the way` : 'Orders'}
            </a>
            <Link href={`/${restaurant.city.slug}/${restaurant.slug}`} prefetch={false} className={styles.secondaryButton}>
              View customer page
            </Link>
          </div>
        }
      >
        {restaurant.area}, {restaurant.city.name}. Every save is written to Postgres first, then the cache keys built from
        this restaurant are invalidated on every instance.
      </PageHeader>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-labelledby="details-heading" className={styles.card}>
          <h2 id="details-heading" className={`${styles.sectionTitle} mb-4`}>
            Details
          </h2>
          <RestaurantForm
            action={saveRestaurant.bind(null, restaurant.slug)}
            restaurant={{ name: restaurant.name, cuisines: restaurant.cuisines, isOpen: restaurant.isOpen, opensAt: restaurant.opensAt, version: restaurant.version }}
            reloadHref={path}
          />
          <h2 id="offer-heading" className={`${styles.sectionTitle} mt-8 mb-4`}>
            Offer
          </h2>
          <OfferForm action={saveRestaurantOffer.bind(null, restaurant.slug)} offer={offer} />
        </section>

        <section aria-labelledby="add-heading" className={styles.card}>
          <h2 id="add-heading" className={`${styles.sectionTitle} mb-4`}>
            Add an item
          </h2>
          {categories.length > 0 ? (
            <ItemForm action={addItem.bind(null, restaurant.slug)} categories={categories} reloadHref={path} label="Add an item" />
          ) : (
            <p className="text-sm text-muted">This restaurant has no menu categories yet, so there is nowhere to add an item.</p>
          )}
        </section>
      </div>

      <section id="orders" aria-labelledby="orders-heading" className={`${styles.card} mt-8 scroll-mt-4`} data-testid="restaurant-orders">
        <h2 id="orders-heading" className={`${styles.sectionTitle} mb-1`}>
          Orders
        </h2>
        <RestaurantOrders
          orders={orders}
          onTheirWay={onTheirWay}
          restaurantName={restaurant.name}
          stepAction={advanceOrderAction.bind(null, restaurant.slug)}
          cancelAction={cancelOrderAction.bind(null, restaurant.slug)}
        />
        <OrdersWatch endpoint={`/api/admin/restaurants/${restaurant.slug}/orders`} shown={orders.map(({ id, status }) => ({ id, status }))} />
      </section>

      <section aria-labelledby="photo-heading" className={`${styles.card} mt-8`}>
        <h2 id="photo-heading" className={`${styles.sectionTitle} mb-4`}>
          Cover photo
        </h2>
        <PhotoField
          endpoint={`/api/admin/restaurants/${restaurant.slug}/photo`}
          photoUrl={restaurant.photoUrl}
          fallbackUrl={illustrationForRestaurant(restaurant)}
          label="Cover photo"
          testId="cover-photo"
        />
      </section>

      <section aria-labelledby="menu-heading" className={`${styles.card} mt-8`}>
        <h2 id="menu-heading" className={`${styles.sectionTitle} mb-4`}>
          Menu <span className="text-base font-medium text-muted">({items.length} items)</span>
        </h2>
        <MenuItems
          categories={restaurant.categories}
          itemsHref={`${path}/items`}
          deleteAction={deleteItem.bind(null, restaurant.slug)}
          availabilityAction={setItemAvailability.bind(null, restaurant.slug)}
          reloadHref={path}
        />
      </section>

      <section aria-labelledby="audit-heading" className={`${styles.card} mt-8`}>
        <h2 id="audit-heading" className={`${styles.sectionTitle} mb-1`}>
          Audit log
        </h2>
        <p className="mb-4 text-sm text-muted">The latest 50 changes to this restaurant, newest first.</p>
        <AuditTable
          rows={audit}
          targetNames={targetNames}
          targetHrefs={new Map(orders.map((order) => [orderAuditTarget(order.id), `#order-${order.id}`]))}
          categories={new Map(categories.map((category) => [category.id, category.name]))}
          caption={`Changes to ${restaurant.name}`}
        />
      </section>
    </>
  );
}
