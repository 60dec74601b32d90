import type { SelectHTMLAttributes } from 'react';
import { controlClasses, Field, type FieldProps } from './text-field';

/** A labelled select, in the same Field wrapper as the text fields. */
export function SelectField({
  label,
  hint,
  options,
  error,
  className,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select {...control} className={controlClasses(error)} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
