import type { z } from 'zod';

/** Field errors in the shape forms render: `{ price: ['Enter a price…'] }`. */
export type FieldErrors = Partial<Record<string, string[]>>;

/**
 * Zod issues as every form (admin and customer) shows them: keyed by the first segment of each
 * issue's path, messages in order. An issue about the input as a whole (an empty path) goes under
 * `form`, so no refusal is ever dropped: a form lists fields it doesn't draw itself under its message
 * (components/admin/action-result.tsx). z.flattenError would put those in `formErrors`, which no
 * caller read.
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  return fieldErrors;
}
