import type { webhookEventStatuses } from '@/db/schema';

type WebhookEventStatus = (typeof webhookEventStatuses)[number];

const tones: Record<WebhookEventStatus, string> = {
  applied: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  ignored: 'bg-slate-100 text-slate-600 ring-slate-500/20',
  pending: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  processing: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  failed: 'bg-red-50 text-red-700 ring-red-600/20',
};

/** A stored Stripe event's status, coloured by whether it needs attention. */
export function WebhookStatus({ status }: { status: WebhookEventStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`}>{status}</span>;
}
