import type { ReactNode } from 'react';

import { styles } from '@/components/admin/styles';

/**
 * Labelled form fields. Errors sit under their field, and the field points at them with
 * aria-describedby and says aria-invalid, so a screen reader reads the problem with the field.
 */

interface FieldBase {
  id: string;
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
}

function describedBy(id: string, errors?: string[], hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Messages({ id, errors, hint }: { id: string; errors?: string[]; hint?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className={styles.error} data-testid={`error-${id}`}>
          {errors.join(' ')}
        </p>
      ) : null}
    </>
  );
}

function ariaFor({ id, errors, hint }: Pick<FieldBase, 'id' | 'errors' | 'hint'>) {
  return { id, 'aria-invalid': errors?.length ? true : undefined, 'aria-describedby': describedBy(id, errors, hint) };
}

export function TextField({
  defaultValue,
  inputMode,
  prefix,
  maxLength,
  required,
  type = 'text',
  autoComplete,
  ...field
}: FieldBase & {
  defaultValue: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  inputMode?: 'text' | 'decimal' | 'search';
  /** Shown inside the box before the text, e.g. "₹". */
  prefix?: string;
  maxLength?: number;
  required?: boolean;
}) {
  const input = (
    <input
      {...ariaFor(field)}
      name={field.name}
      type={type}
      autoComplete={autoComplete}
      defaultValue={defaultValue}
      inputMode={inputMode}
      maxLength={maxLength}
      required={required}
      className={prefix ? `${styles.inputBox} pl-8` : styles.input}
    />
  );
  return (
    <div>
      <label htmlFor={field.id} className={styles.label}>
        {field.label}
      </label>
      {prefix ? (
        <div className="relative mt-1.5">
          <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 left-3.5 flex items-center text-muted">
            {prefix}
          </span>
          {input}
        </div>
      ) : (
        input
      )}
      <Messages {...field} />
    </div>
  );
}

export function TextArea({ defaultValue, maxLength, ...field }: FieldBase & { defaultValue: string; maxLength?: number }) {
  return (
    <div>
      <label htmlFor={field.id} className={styles.label}>
        {field.label}
      </label>
      <textarea {...ariaFor(field)} name={field.name} defaultValue={defaultValue} maxLength={maxLength} rows={3} className={styles.input} />
      <Messages {...field} />
    </div>
  );
}

export function SelectField({
  defaultValue,
  options,
  ...field
}: FieldBase & { defaultValue: string; options: { value: string; label: string }[] }) {
  return (
    <div>
      <label htmlFor={field.id} className={styles.label}>
        {field.label}
      </label>
      <select {...ariaFor(field)} name={field.name} defaultValue={defaultValue} className={styles.input}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Messages {...field} />
    </div>
  );
}

export function CheckboxField({ defaultChecked, children, ...field }: FieldBase & { defaultChecked: boolean; children?: ReactNode }) {
  return (
    <div>
      <div className="flex items-center gap-2.5">
        <input {...ariaFor(field)} name={field.name} type="checkbox" defaultChecked={defaultChecked} className={styles.checkbox} />
        <label htmlFor={field.id} className={styles.label}>
          {field.label}
        </label>
        {children}
      </div>
      <Messages {...field} />
    </div>
  );
}
