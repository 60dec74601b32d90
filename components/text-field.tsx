import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

/** What a field's control needs from its wrapper: its id (the label's target), its description and validity. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

export interface FieldProps {
  label: string;
  hint?: string;
  error?: string | null;
  className?: string;
}

export const controlClasses = (error?: string | null) =>
  `min-w-0 rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 ${error ? 'border-red-400' : 'border-slate-300'}`;

/**
 * The one wrapper of every form control: a label (what screen readers and the browser tests find it by), an
 * optional hint, and the field's own error, shown under it, announced, and marking the control invalid.
 */
export function Field({ label, hint, error, className = '', children }: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({ id, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined, 'aria-invalid': error ? true : undefined })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** A labelled input. */
export function TextField({ label, hint, error, className, ...input }: InputHTMLAttributes<HTMLInputElement> & FieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => <input {...control} className={controlClasses(error)} {...input} />}
    </Field>
  );
}

/** A labelled multi-line field. */
export function TextAreaField({ label, hint, error, className, ...input }: TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => <textarea {...control} rows={3} className={controlClasses(error)} {...input} />}
    </Field>
  );
}

/** A field's own error, next to it; `id` is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id?: string; message?: string | null }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-xs font-medium text-red-700">
      {message}
    </p>
  );
}
