type Tone = 'good' | 'info' | 'warning' | 'muted';

const tones: Record<Tone, string> = {
  good: 'bg-emerald-50 text-emerald-700 ring-emerald-100',
  info: 'bg-brand-50 text-brand-700 ring-brand-100',
  warning: 'bg-amber-50 text-amber-700 ring-amber-100',
  muted: 'bg-slate-100 text-slate-600 ring-slate-200',
};

// Subscription and invoice statuses as Stripe names them; anything unlisted reads as muted.
const toneOf: Record<string, Tone> = {
  active: 'good',
  paid: 'good',
  trialing: 'info',
  open: 'warning',
  past_due: 'warning',
  unpaid: 'warning',
  incomplete: 'warning',
};

/** `past_due` → "Past due". */
export function statusLabel(status: string): string {
  const words = status.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[toneOf[status] ?? 'muted']}`}
    >
      {statusLabel(status)}
    </span>
  );
}
