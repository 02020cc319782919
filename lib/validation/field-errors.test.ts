import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';

import { addressSchema } from '@/lib/addresses/schema';
import { newAdminSchema } from '@/lib/admin/team-schemas';
import { restaurantUpdateSchema } from '@/lib/menus/admin-schemas';

import { fieldErrorsOf } from './field-errors';

function errorsOf(result: { success: boolean; error?: ZodError }) {
  if (result.success || !result.error) throw new Error('expected a refusal');
  return fieldErrorsOf(result.error);
}

describe('fieldErrorsOf (the one helper admin and customer forms share)', () => {
  it('keys messages by the first field of each path, in order', () => {
    const errors = errorsOf(addressSchema.safeParse({ label: '', line1: 'x', line2: '', city: 'Pune', pin: '012345' }));
    expect(Object.keys(errors).sort()).toEqual(['label', 'pin']);
    expect(errors.pin).toEqual(['Enter a 6-digit PIN code (it never starts with 0)']);
  });

  it('keeps a refinement aimed at a field under that field', () => {
    const errors = errorsOf(newAdminSchema.safeParse({ email: 'a@b.co', name: 'A', password: 'x'.repeat(12), confirmPassword: 'y' }));
    expect(errors.confirmPassword).toEqual(['The two passwords differ']);
  });

  it('keeps an issue about the whole input under `form` (an admin form used to drop it and say nothing)', () => {
    const errors = errorsOf(restaurantUpdateSchema.safeParse(null));
    expect(errors.form).toHaveLength(1);
  });
});
