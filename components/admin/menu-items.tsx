'use client';

import Link from 'next/link';
import { useActionState } from 'react';

import { ActionResult } from '@/components/admin/action-result';
import { ConfirmForm } from '@/components/admin/confirm-form';
import { ItemAvailabilityForm } from '@/components/admin/item-availability-form';
import { styles } from '@/components/admin/styles';
import { useResultFocus } from '@/components/admin/use-result-focus';
import { Price } from '@/components/ui/price';
import { VegMark } from '@/components/restaurant/veg-mark';
import { IDLE, type ActionState } from '@/lib/admin/action-state';
import { plural } from '@/lib/format';

export interface AdminItemRow {
  id: number;
  name: string;
  pricePaise: number;
  veg: boolean;
  available: boolean;
  bestseller: boolean;
  version: number;
}

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * The menu by category, each item with Mark unavailable / available (one press, answered in its row),
 * an Edit link and a Delete that asks first. All the delete
 * forms share one action state, shown above the list, so the answer survives the deleted row
 * disappearing from the page.
 */
export function MenuItems({
  categories,
  itemsHref,
  deleteAction,
  availabilityAction,
  reloadHref,
}: {
  categories: { id: number; name: string; items: AdminItemRow[] }[];
  /** Base path of the item edit pages: `<itemsHref>/<id>`. */
  itemsHref: string;
  deleteAction: Action;
  availabilityAction: Action;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(deleteAction, IDLE);
  const { resultRef } = useResultFocus(state);

  return (
    <div className="flex flex-col gap-6">
      <ActionResult ref={resultRef} state={state} reloadHref={reloadHref} testId="delete-result" />
      {categories.map((category) => (
        <section key={category.id} aria-labelledby={`category-${category.id}`}>
          <h3 id={`category-${category.id}`} className="text-base font-bold text-ink">
            {category.name} <span className="text-sm font-medium text-muted">({plural(category.items.length, 'item')})</span>
          </h3>
          {category.items.length > 0 ? (
            <ul className="mt-2 divide-y divide-line rounded-2xl border border-line">
              {category.items.map((item) => (
                <li key={item.id} data-testid="admin-item" data-item-id={item.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
                  <VegMark veg={item.veg} />
                  <div className="min-w-0 flex-1">
                    <p className="font-semibold text-ink">{item.name}</p>
                    <p className="flex flex-wrap gap-x-3 text-sm text-muted">
                      <Price paise={item.pricePaise} className="font-semibold text-ink" />
                      {item.bestseller ? <span className="font-semibold text-brand-700">Bestseller</span> : null}
                      {item.available ? null : <span>Unavailable</span>}
                    </p>
                  </div>
                  <ItemAvailabilityForm action={availabilityAction} item={item} />
                  <Link prefetch={false} href={`${itemsHref}/${item.id}`} className={styles.secondaryButton} aria-label={`Edit ${item.name}`}>
                    Edit
                  </Link>
                  <ConfirmForm
                    formAction={formAction}
                    pending={pending}
                    fields={{ itemId: item.id, version: item.version, itemName: item.name }}
                    ask="Delete"
                    askLabel={`Delete ${item.name}`}
                    question={`Delete “${item.name}” for good?`}
                    confirm="Yes, delete"
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-muted">No items in this category yet.</p>
          )}
        </section>
      ))}
    </div>
  );
}
