import type { InputHTMLAttributes } from 'react';

export function Checkbox({ label, className = '', ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  return (
    <label className={`flex items-center gap-2 text-sm text-slate-700 has-disabled:text-slate-400 ${className}`}>
      <input type="checkbox" className="size-4 rounded border-slate-300 accent-brand-600" {...input} />
      {label}
    </label>
  );
}
