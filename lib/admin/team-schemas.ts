import { z } from 'zod';

import { DEMO_ADMIN } from '@/lib/env';
import { visibleText } from '@/lib/validation/text';

/**
 * What the Team page accepts (lib/admin/team.ts), shared by its forms (field errors) and the writes
 * (nothing invalid is written). A password is typed twice; it is at least 12 characters, as
 * ADMIN_PASSWORD must be, and never the demo password published in the README.
 */

const password = z
  .string()
  .min(12, 'At least 12 characters')
  .max(256, 'At most 256 characters')
  .refine((value) => value !== DEMO_ADMIN.password, 'That password is published in the README: choose another');

const passwords = z.object({ password, confirmPassword: z.string() });
const typedTwice = (value: { password: string; confirmPassword: string }) => value.password === value.confirmPassword;
const differ = { path: ['confirmPassword'], message: 'The two passwords differ' };

export const passwordChangeSchema = passwords.refine(typedTwice, differ);

export const newAdminSchema = passwords
  .extend({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, 'At most 254 characters')
      .pipe(z.email({ message: 'Enter an email address' })),
    name: visibleText('Name', 80),
  })
  .refine(typedTwice, differ);

export type NewAdmin = z.output<typeof newAdminSchema>;
