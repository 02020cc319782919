'use client';

import { useActionState, useId } from 'react';

import { ActionResult } from '@/components/admin/action-result';
import { CheckboxField, SelectField, TextArea, TextField } from '@/components/admin/fields';
import { styles } from '@/components/admin/styles';
import { useResultFocus } from '@/components/admin/use-result-focus';
import { errorsFor, IDLE, submittedValues, type ActionState } from '@/lib/admin/action-state';
import { priceInputValue } from '@/lib/admin/format';

export interface ItemFormValues {
  name: string;
  description: string;
  pricePaise: number;
  categoryId: number;
  veg: boolean;
  available: boolean;
  bestseller: boolean;
  version: number;
}

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const FIELDS = ['name', 'description', 'price', 'categoryId', 'veg', 'available', 'bestseller'] as const;

/**
 * One menu item: edits an existing one (with its version, so a save over someone else's newer save
 * is a conflict) or, without `item`, adds a new one. A rejected save shows what was typed again.
 */
export function ItemForm({
  action,
  categories,
  item,
  reloadHref,
  label,
}: {
  action: Action;
  categories: { id: number; name: string }[];
  item?: ItemFormValues;
  reloadHref: string;
  /** The form's accessible name, e.g. "Edit Masala Dosa" or "Add an item". */
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { formRef, resultRef } = useResultFocus(state);
  const id = useId();
  const typed = submittedValues(state);
  const checked = (field: 'veg' | 'available' | 'bestseller', stored: boolean) => (typed ? typed[field] === 'on' : stored);

  return (
    <form key={item?.version ?? 'new'} ref={formRef} action={formAction} noValidate aria-label={label} className="flex flex-col gap-5">
      {item ? <input type="hidden" name="version" value={item.version} /> : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField id={`${id}-name`} name="name" label="Name" defaultValue={typed?.name ?? item?.name ?? ''} errors={errorsFor(state, 'name')} maxLength={120} />
        <TextField
          id={`${id}-price`}
          name="price"
          label="Price (₹)"
          prefix="₹"
          inputMode="decimal"
          hint="In rupees, like 249 or 249.50."
          defaultValue={typed?.price ?? (item ? priceInputValue(item.pricePaise) : '')}
          errors={errorsFor(state, 'price')}
        />
      </div>
      <TextArea
        id={`${id}-description`}
        name="description"
        label="Description"
        defaultValue={typed?.description ?? item?.description ?? ''}
        errors={errorsFor(state, 'description')}
        maxLength={400}
      />
      <SelectField
        id={`${id}-category`}
        name="categoryId"
        label="Category"
        defaultValue={typed?.categoryId ?? String(item?.categoryId ?? categories[0]?.id ?? '')}
        options={categories.map((category) => ({ value: String(category.id), label: category.name }))}
        errors={errorsFor(state, 'categoryId')}
      />
      <fieldset className="flex flex-wrap gap-x-8 gap-y-3">
        <legend className="sr-only">Labels</legend>
        <CheckboxField id={`${id}-veg`} name="veg" label="Vegetarian" defaultChecked={checked('veg', item?.veg ?? true)} errors={errorsFor(state, 'veg')} />
        <CheckboxField
          id={`${id}-available`}
          name="available"
          label="Available"
          defaultChecked={checked('available', item?.available ?? true)}
          errors={errorsFor(state, 'available')}
        />
        <CheckboxField
          id={`${id}-bestseller`}
          name="bestseller"
          label="Bestseller"
          defaultChecked={checked('bestseller', item?.bestseller ?? false)}
          errors={errorsFor(state, 'bestseller')}
        />
      </fieldset>
      <div>
        <button type="submit" disabled={pending} className={styles.primaryButton}>
          {pending ? 'Saving…' : item ? 'Save item' : 'Add item'}
        </button>
      </div>
      <ActionResult ref={resultRef} state={state} shownFields={FIELDS} reloadHref={reloadHref} testId="item-result" />
    </form>
  );
}
