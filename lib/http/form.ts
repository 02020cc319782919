/**
 * A server action's form argument. Actions are public endpoints: a script can call one with any
 * arguments, and code that reads `formData.get` of a non-form would fail with a 500. Anything but a
 * FormData is read as an empty form, which every action answers as invalid input.
 */
export function asForm(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** One text field of a form, at most `max` characters ('' when absent or a file). */
export function textField(form: unknown, name: string, max = 1_000): string {
  const value = asForm(form).get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
}
