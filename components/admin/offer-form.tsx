'use client';

import { useActionState, useId } from 'react';

import { ActionResult } from '@/components/admin/action-result';
import { SelectField, TextField } from '@/components/admin/fields';
import { styles } from '@/components/admin/styles';
import { useResultFocus } from '@/components/admin/use-result-focus';
import { errorsFor, IDLE, submittedValues, type ActionState } from '@/lib/admin/action-state';
import type { OfferTerms } from '@/lib/menus/types';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const FIELDS = ['kind', 'percent', 'maxDiscount', 'flat', 'minOrder'] as const;
const rupees = (paise: number) => String(Math.round(paise / 100));

/**
 * The restaurant's offer: none, a percentage with a cap, or a flat amount, from a minimum order.
 * After a save the result lists exactly the cache keys it invalidated (the menu and the city's list).
 */
export function OfferForm({ action, offer }: { action: Action; offer: OfferTerms | null }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { formRef, resultRef } = useResultFocus(state);
  const id = useId();
  const typed = submittedValues(state);
  const value = (name: (typeof FIELDS)[number], stored: string) => typed?.[name] ?? stored;

  return (
    // Keyed by the stored offer: after a save the form shows what is stored now (a select keeps its
    // first default otherwise), as RestaurantForm does with its version.
    <form key={JSON.stringify(offer)} ref={formRef} action={formAction} noValidate className="flex flex-col gap-4" aria-label="Offer">
      <SelectField
        id={`${id}-kind`}
        name="kind"
        label="Offer"
        defaultValue={value('kind', offer?.kind ?? 'none')}
        options={[
          { value: 'none', label: 'No offer' },
          { value: 'percent', label: 'Percentage off, up to a maximum' },
          { value: 'flat', label: 'Flat amount off' },
        ]}
        errors={errorsFor(state, 'kind')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-percent`}
          name="percent"
          label="Percent off"
          hint="For a percentage offer: 1 to 90."
          inputMode="decimal"
          defaultValue={value('percent', offer?.kind === 'percent' ? String(offer.percent) : '')}
          errors={errorsFor(state, 'percent')}
          maxLength={2}
        />
        <TextField
          id={`${id}-max`}
          name="maxDiscount"
          label="Maximum discount"
          prefix="₹"
          hint="For a percentage offer."
          inputMode="decimal"
          defaultValue={value('maxDiscount', offer?.kind === 'percent' ? rupees(offer.maxDiscountPaise) : '')}
          errors={errorsFor(state, 'maxDiscount')}
          maxLength={6}
        />
        <TextField
          id={`${id}-flat`}
          name="flat"
          label="Amount off"
          prefix="₹"
          hint="For a flat offer."
          inputMode="decimal"
          defaultValue={value('flat', offer?.kind === 'flat' ? rupees(offer.flatPaise) : '')}
          errors={errorsFor(state, 'flat')}
          maxLength={6}
        />
        <TextField
          id={`${id}-min`}
          name="minOrder"
          label="Minimum order"
          prefix="₹"
          hint="Item total from which it applies; 0 for any order."
          inputMode="decimal"
          defaultValue={value('minOrder', offer ? rupees(offer.minOrderPaise) : '0')}
          errors={errorsFor(state, 'minOrder')}
          maxLength={6}
        />
      </div>
      <div>
        <button type="submit" disabled={pending} className={styles.primaryButton}>
          {pending ? 'Saving…' : 'Save offer'}
        </button>
      </div>
      <ActionResult ref={resultRef} state={state} shownFields={FIELDS} testId="offer-result" />
    </form>
  );
}
